using InfoRadio.Bench;
using InfoRadio.Bench.Processes;
using InfoRadio.Bench.Scenarios;

// tools/Bench: each scenario measures in its own run and prints a last line "RESULT <scenario> key=value …".
// The "__controller" and "__agent" verbs are how a scenario starts the controller and agents as separate processes.
return args switch
{
    ["e2e", .. var rest] => await E2eScenario.RunAsync(BenchArgs.Parse(rest)),
    ["sync", .. var rest] => await SyncScenario.RunAsync(BenchArgs.Parse(rest)),
    ["__controller", .. var rest] => await ChildHosts.RunControllerAsync(rest),
    ["__agent", .. var rest] => await ChildHosts.RunAgentAsync(BenchArgs.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project tools/Bench -- <scenario> [--key value …]
          e2e   controller + agents as separate processes on loopback play a speech file;
                --agents 3 --seconds 10 --warmup-s 10
          sync  N agents in virtual time (real clock sync and playout, simulated links and sound cards): skew;
                --agents 20 --minutes 10 --warmup-s 900 --seed 1 --drift-ppm 100 --offset-s 5
                --base-min-ms 20 --base-max-ms 300 --jitter-ms 10 --spike-prob 0.01 --spike-ms 200
                --sync-s 10 --fast-ms 2000 --fast-while-playing true --per-minute false
        """);
    return 2;
}
