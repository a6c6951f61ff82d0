using System.Globalization;

namespace InfoRadio.LoadSim.Fleet;

/// <summary>The fleet's delivery against playout deadlines, as figures and as one <c>RESULT loadsim …</c> line.</summary>
public sealed record FleetReport(
    int Agents,
    int Connected,
    long Packets,
    long OnTimePackets,
    long LostPackets,
    int AgentsAllOnTime,
    int AgentsWithAudio,
    int? LeadP50Ms,
    int? LeadP01Ms,
    long SessionsStarted,
    long SessionsFinished,
    long DecodedFrames,
    long DecodeFailures,
    long Malformed,
    long Reconnects,
    int? DelayP50Ms,
    int? DelayP99Ms,
    int? DelayMaxMs)
{
    /// <summary>Packets that arrived after their first sample's playout instant.</summary>
    public long LatePackets => Packets - OnTimePackets;

    /// <summary>Share of packets that arrived before their first sample's playout instant.</summary>
    public double OnTimePercent => Packets == 0 ? 0 : 100.0 * OnTimePackets / Packets;

    public static FleetReport Of(IReadOnlyList<SimulatedAgent> agents, FleetCounters counters)
    {
        var (packets, onTime) = counters.Lead.Totals();
        return new(
            agents.Count,
            agents.Count(a => a.IsConnected),
            packets,
            onTime,
            Interlocked.Read(ref counters.LostPackets),
            agents.Count(a => a.Delivery.Packets > 0 && a.Delivery.LatePackets == 0 && a.Delivery.LostPackets == 0),
            agents.Count(a => a.Delivery.Packets > 0),
            counters.Lead.Percentile(0.50),
            counters.Lead.Percentile(0.01),
            Interlocked.Read(ref counters.SessionsStarted),
            Interlocked.Read(ref counters.SessionsFinished),
            Interlocked.Read(ref counters.DecodedFrames),
            Interlocked.Read(ref counters.DecodeFailures),
            Interlocked.Read(ref counters.MalformedMessages),
            Interlocked.Read(ref counters.Disconnects),
            counters.Delay.Percentile(0.50),
            counters.Delay.Percentile(0.99),
            counters.Delay.Percentile(1.0));
    }

    public string ResultLine(string scenario = "loadsim") => string.Create(CultureInfo.InvariantCulture,
        $"RESULT {scenario} agents={Agents} connected={Connected} with_audio={AgentsWithAudio} all_ontime_agents={AgentsAllOnTime} " +
        $"packets={Packets} ontime_pct={OnTimePercent:0.###} lost={LostPackets} lead_p50_ms={LeadP50Ms?.ToString(CultureInfo.InvariantCulture) ?? "-"} " +
        $"lead_p1_ms={LeadP01Ms?.ToString(CultureInfo.InvariantCulture) ?? "-"} sessions_started={SessionsStarted} sessions_finished={SessionsFinished} " +
        $"decoded_frames={DecodedFrames} decode_failures={DecodeFailures} malformed={Malformed} reconnects={Reconnects} " +
        $"late={LatePackets} delay_p50_ms={Ms(DelayP50Ms)} delay_p99_ms={Ms(DelayP99Ms)} delay_max_ms={Ms(DelayMaxMs)}");

    private static string Ms(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
