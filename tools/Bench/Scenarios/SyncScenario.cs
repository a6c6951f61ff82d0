using System.Diagnostics;
using InfoRadio.Bench.Simulation;

namespace InfoRadio.Bench.Scenarios;

/// <summary>
/// sync: how closely N speakers sound the same sample, in virtual time. Each agent runs the agent's real clock
/// sync (estimator, schedule) and playout (jitter buffer, drift correction) on a clock of its own (offset up to
/// ±5 s, drift up to ±100 ppm) over its own link (20–300 ms each way, exponential jitter, spikes, in order); a
/// simulated controller at true time answers clock requests and streams ten minutes; a simulated sound card per
/// agent plays 48 kHz of its device's clock and tells at what true instant each probed stream position sounded.
/// </summary>
public static class SyncScenario
{
    public static Task<int> RunAsync(BenchArgs args)
    {
        var watch = Stopwatch.StartNew();
        var simulation = new SyncSimulation(SyncSimulationOptions.From(args));
        simulation.Run();
        var report = new SyncReport(simulation);
        return Task.FromResult(report.Print(watch.Elapsed, perMinute: bool.Parse(args.Get("per-minute", "false"))));
    }
}
