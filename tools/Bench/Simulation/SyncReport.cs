using System.Globalization;

namespace InfoRadio.Bench.Simulation;

/// <summary>What the sync simulation measured: skew across agents per probe, and each agent's error against the timeline.</summary>
internal sealed class SyncReport
{
    private readonly SyncSimulation _simulation;
    private readonly double[][] _played;
    private readonly List<double> _skews = [];
    private readonly List<double> _errors = [];

    public SyncReport(SyncSimulation simulation)
    {
        _simulation = simulation;
        _played = simulation.Agents.Select(a => a.ProbeTrueUs()).ToArray();
        for (var j = 0; j < simulation.Probes.Length; j++)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            var all = true;
            foreach (var instants in _played)
            {
                var t = instants[j];
                if (double.IsNaN(t))
                {
                    all = false;
                    continue;
                }
                min = Math.Min(min, t);
                max = Math.Max(max, t);
                _errors.Add(Math.Abs(t - simulation.IdealTrueUs(j)) / 1e3);
            }
            if (all) _skews.Add((max - min) / 1e3);
            else MissingProbes++;
        }
        _skews.Sort();
        _errors.Sort();
    }

    public int MissingProbes { get; }
    public double SkewP50Ms => Percentile(_skews, 0.5);
    public double SkewP99Ms => Percentile(_skews, 0.99);
    public double SkewMaxMs => _skews.Count == 0 ? double.NaN : _skews[^1];

    /// <summary>Prints the details; returns the process exit code (0 when every agent played everything cleanly).</summary>
    public int Print(TimeSpan wallTime, bool perMinute)
    {
        var agents = _simulation.Agents;
        var o = _simulation.Options;
        var snapshots = agents.Select(a => a.Engine.Snapshot()).ToList();
        var finished = snapshots.Count(s => s.SessionsFinished == 1);
        var cardUnderruns = agents.Sum(a => a.Sink.Underruns);
        var contentErrors = agents.Sum(a => a.Sink.ContentErrors);
        var driftErrors = agents.Select(a => Math.Abs(a.Clock.DriftPpm - (1 / (1 + a.Device.DriftPpm * 1e-6) - 1) * 1e6)).ToList();
        var totalMinutes = _simulation.Time.NowUs / 60e6;

        foreach (var a in agents.OrderByDescending(a => a.Up.JitterMeanUs).Take(perMinute ? agents.Count : 5))
        {
            var errors = AgentErrorsMs(a.Index).ToList();
            Write($"agent {a.Index,2}: base {a.Up.BaseUs / 1e3,3:0} ms, jitter {a.Up.JitterMeanUs / 1e3,4:0.0} ms, drift {a.Device.DriftPpm,6:0.0} ppm, offset {a.Device.OffsetUs / 1e6,5:0.00} s: error {errors.Min(),6:0.000} … {errors.Max(),6:0.000} ms, drift error {driftErrors[a.Index]:0.000} ppm");
            if (perMinute) Write($"  per minute (min/max ms): {string.Join(" ", PerMinute(a.Index).Select(m => FormattableString.Invariant($"{m.Min:0.00}/{m.Max:0.00}")))}");
        }
        Write($"simulated {totalMinutes:0.0} min ({o.WarmupSeconds:0} s on line before the stream) in {wallTime.TotalSeconds:0.0} s of wall time, {_simulation.Time.EventsRun:N0} events");
        Write($"finished {finished}/{agents.Count}, probes {_simulation.Probes.Length} ({MissingProbes} not played by all), underruns {snapshots.Sum(s => s.Underruns)}, re-anchors {snapshots.Sum(s => s.Reanchors)}, clock steps {agents.Sum(a => a.Clock.Jumps)}, one-sample corrections {snapshots.Sum(s => s.SamplesInserted + s.SamplesDropped)}, sound-card underruns {cardUnderruns}, content errors {contentErrors} of {agents.Sum(a => a.Sink.ContentChecks)} checks");
        Write($"per-agent error against the timeline: p50 {Percentile(_errors, 0.5):0.000} ms, p99 {Percentile(_errors, 0.99):0.000} ms, max {_errors.LastOrDefault():0.000} ms; drift error max {driftErrors.Max():0.000} ppm; {agents.Average(a => a.Requests) / totalMinutes:0.0} clock requests per agent per minute");
        Write($"RESULT sync agents={agents.Count} skew_p50_ms={SkewP50Ms:0.000} skew_p99_ms={SkewP99Ms:0.000} skew_max_ms={SkewMaxMs:0.000} minutes={o.Minutes:0.#} warmup_s={o.WarmupSeconds:0} drift_ppm_max={o.DriftMaxPpm:0} offset_s_max={o.OffsetMaxSeconds:0.#} jitter_ms_max={o.JitterMaxMs:0.#} sync_s={o.Sync.Interval.TotalSeconds:0.#} seed={o.Seed} finished={finished}");
        return finished == agents.Count && contentErrors == 0 && cardUnderruns == 0 && MissingProbes == 0 ? 0 : 1;
    }

    private IEnumerable<double> AgentErrorsMs(int agent) =>
        _played[agent].Select((t, j) => (t - _simulation.IdealTrueUs(j)) / 1e3).Where(double.IsFinite);

    private IEnumerable<(double Min, double Max)> PerMinute(int agent)
    {
        const int ProbesPerMinute = 600;
        for (var start = 0; start < _played[agent].Length; start += ProbesPerMinute)
        {
            var errors = Enumerable.Range(start, Math.Min(ProbesPerMinute, _played[agent].Length - start))
                .Select(j => (_played[agent][j] - _simulation.IdealTrueUs(j)) / 1e3).Where(double.IsFinite).ToList();
            if (errors.Count > 0) yield return (errors.Min(), errors.Max());
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Floor(p * sorted.Count))];

    private static void Write(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
