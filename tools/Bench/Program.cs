using InfoRadio.Bench;
using InfoRadio.Bench.Processes;
using InfoRadio.Bench.Scenarios;

// tools/Bench: each scenario measures in its own run and prints a last line "RESULT <scenario> key=value …".
// The "__controller" and "__agent" verbs are how a scenario starts the controller and agents as separate processes.
return args switch
{
    ["e2e", .. var rest] => await E2eScenario.RunAsync(BenchArgs.Parse(rest)),
    ["latency", .. var rest] => await LatencyScenario.RunAsync(BenchArgs.Parse(rest)),
    ["__controller", .. var rest] => await ChildHosts.RunControllerAsync(rest),
    ["__agent", .. var rest] => await ChildHosts.RunAgentAsync(BenchArgs.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project tools/Bench -- <scenario> [--key value …]
          e2e   controller + agents as separate processes on loopback play a speech file;
                --agents 3 --seconds 10
          latency  a live announcement over /api/live to agents as separate processes; time from a sample
                entering the controller to it leaving each agent's sink; --agents 3 --seconds 20 --interval-ms 500
                [--latency-ms N to override the live profile's latency] [--verbose: every burst] [--keep: keep the files]
        """);
    return 2;
}
