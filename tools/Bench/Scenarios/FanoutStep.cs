using System.Globalization;

namespace InfoRadio.Bench.Scenarios;

/// <summary>
/// One step of the fanout scenario: N simulated speakers on one live stream for the measuring window. The delivery
/// figures come from the load simulator's <c>RESULT loadsim</c> line; the CPU figures from /proc (per cent of one core).
/// </summary>
/// <param name="BrokerCpuPercent">The mosquitto process; 0 with the embedded broker (it is inside the controller).</param>
/// <param name="LateSends">Live messages the feeding WebSocket client sent more than 20 ms late during the step.</param>
public sealed record FanoutStep(
    string Broker,
    int Agents,
    IReadOnlyDictionary<string, string> Sim,
    double ControllerCpuPercent,
    double BrokerCpuPercent,
    double WindowSeconds,
    long LateSends)
{
    public long Value(string key) => Sim.TryGetValue(key, out var v) && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1;

    public string Text(string key) => Sim.TryGetValue(key, out var v) ? v : "-";

    /// <summary>Controller and broker together: what the fan-out costs the box that serves it.</summary>
    public double CpuPercent => ControllerCpuPercent + BrokerCpuPercent;

    /// <summary>
    /// Every speaker connected and heard the stream, and every packet of the window arrived before the playout
    /// instant of its first sample, none lost.
    /// </summary>
    public bool AllOnTime => Value("connected") == Agents && Value("with_audio") == Agents && Value("packets") > 0
        && Value("late") == 0 && Value("lost") == 0;

    /// <summary>Parses <c>RESULT loadsim key=value …</c>.</summary>
    public static Dictionary<string, string> ParseResult(string line)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) values[part[..eq]] = part[(eq + 1)..];
        }
        return values;
    }

    public string StepLine() => FormattableString.Invariant(
        $"STEP fanout broker={Broker} agents={Agents} connected={Text("connected")} with_audio={Text("with_audio")} packets={Text("packets")} ") +
        FormattableString.Invariant(
        $"ontime_pct={Text("ontime_pct")} late={Text("late")} lost={Text("lost")} delay_p50_ms={Text("delay_p50_ms")} p99_ms={Text("delay_p99_ms")} ") +
        FormattableString.Invariant(
        $"delay_max_ms={Text("delay_max_ms")} lead_p1_ms={Text("lead_p1_ms")} cpu_pct={CpuPercent:0.0} controller_cpu_pct={ControllerCpuPercent:0.0} ") +
        FormattableString.Invariant(
        $"broker_cpu_pct={BrokerCpuPercent:0.0} loadsim_cpu_pct={Text("cpu_pct")} reconnects={Text("reconnects")} window_s={WindowSeconds:0.0} ") +
        FormattableString.Invariant($"feed_late_sends={LateSends} all_ontime={(AllOnTime ? "yes" : "no")}");

    /// <summary>
    /// The broker's result: the largest count with every packet on time (<paramref name="best"/>), its figures, and the
    /// first count that failed (<c>none</c> when the last step passed).
    /// </summary>
    public static string ResultLine(string broker, FanoutStep? best, FanoutStep? failed) => best is null
        ? FormattableString.Invariant(
            $"RESULT fanout broker={broker} agents=0 ontime_pct={failed?.Text("ontime_pct") ?? "-"} p99_ms={failed?.Text("delay_p99_ms") ?? "-"} cpu_pct={failed?.CpuPercent ?? 0:0.0} failed_at={failed?.Agents.ToString(CultureInfo.InvariantCulture) ?? "none"}")
        : FormattableString.Invariant(
            $"RESULT fanout broker={broker} agents={best.Agents} ontime_pct={best.Text("ontime_pct")} p99_ms={best.Text("delay_p99_ms")} cpu_pct={best.CpuPercent:0.0} ") +
          FormattableString.Invariant(
            $"controller_cpu_pct={best.ControllerCpuPercent:0.0} broker_cpu_pct={best.BrokerCpuPercent:0.0} loadsim_cpu_pct={best.Text("cpu_pct")} failed_at={failed?.Agents.ToString(CultureInfo.InvariantCulture) ?? "none"}");
}
