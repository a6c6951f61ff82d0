using System.Diagnostics;
using InfoRadio.Bench.Measurement;
using InfoRadio.Bench.Processes;

namespace InfoRadio.Bench.Scenarios;

/// <summary>
/// footprint: what one speaker agent costs while it plays. A real controller (child process) broadcasts a speech
/// program to one agent process with the null sink; the agent's resident memory (VmRSS, sampled every 100 ms, and
/// VmHWM) and CPU time (utime+stime from its play-started to its play-finished event, divided by that wall time)
/// come from /proc; its idle CPU is measured the same way before the broadcast. By default the agent is the real
/// agent program as it is deployed: the Native AOT executable that <see cref="AgentPublishCommand"/> publishes
/// (<c>--agent PATH</c> names another build: a native executable, or an assembly such as the framework-dependent
/// <c>src/DeviceAgent/bin/Release/net10.0/InfoRadio.DeviceAgent.dll</c>). <c>--host verb</c> runs it as this
/// benchmark's <c>__agent</c> verb instead (the benchmark's runtime settings, the same agent code).
/// </summary>
public static class FootprintScenario
{
    private const double MiB = 1024 * 1024;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var seconds = args.Int("seconds", 60);
        var host = args.Get("host", "program");
        var native = args.Get("native", "false") == "true";
        var environment = ParseEnvironment(args.Get("env", ""));
        string result;
        var exitCode = 1;
        var program = host == "program" ? AgentProgram(args.Get("agent", "")) : "";
        using (var cluster = await LoopbackCluster.StartAsync("footprint", 0))
        {
            const string id = "footprint-agent";
            var agent = host switch
            {
                "program" => await cluster.AddAgentProgramAsync(id, program, ["--Agent:Sink=null", $"--Agent:UseNativeOpus={native}"], environment),
                "verb" when environment.Count == 0 => await cluster.AddBenchAgentAsync(id, "--sink", "null", "--native", native ? "true" : "false"),
                _ => throw new ArgumentException("--host is 'program' or 'verb' (and --env works with 'program' only)"),
            };
            await using var sampler = new ResourceSampler(agent.Id, TimeSpan.FromMilliseconds(100));
            await cluster.WaitOnlineAsync(1, TimeSpan.FromSeconds(60));
            // Let start-up work settle (JIT and its background re-JIT, the first clock sync) before measuring idle.
            await Task.Delay(TimeSpan.FromSeconds(args.Int("settle", 10)));
            // Idle cost first: connected, following the desired state, nothing to play.
            var idleStart = ProcessStats.Read(agent.Id) ?? throw new InvalidOperationException("the agent exited");
            var idleWall = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(args.Int("idle", 10)));
            var idle = ProcessStats.Read(agent.Id) ?? throw new InvalidOperationException("the agent exited");
            var idleCpuPercent = (idle.Cpu - idleStart.Cpu).TotalSeconds / idleWall.Elapsed.TotalSeconds * 100;

            var (source, origin) = SpeechSource.Create(TimeSpan.FromSeconds(seconds));
            Console.WriteLine(FormattableString.Invariant(
                $"agent ({(host == "program" ? program : host)}, {(native ? "native" : "managed")} Opus{Describe(environment)}) online: RSS {idle.RssBytes / MiB:0.0} MiB ({idle.Breakdown(MiB)}), {idle.Threads} threads, idle CPU {idleCpuPercent:0.00}%; playing {seconds} s of {origin} speech"));
            var wav = WavFiles.ToWav(source);
            var wall = Stopwatch.StartNew();
            var broadcast = await cluster.Api.StartBroadcastAsync(wav, "all", "bench footprint");
            Console.WriteLine(FormattableString.Invariant($"broadcast accepted after {wall.Elapsed.TotalSeconds:0.0} s"));
            var final = await cluster.Api.WaitBroadcastEndAsync(broadcast, TimeSpan.FromSeconds(seconds + 60));
            var after = ProcessStats.Read(agent.Id) ?? throw new InvalidOperationException("the agent exited");
            var pss = ProcessStats.ReadPss(agent.Id) ?? 0;
            wall.Stop();

            Console.WriteLine($"broadcast: {ControllerApiClient.Timeline(final)}");
            var device = final.GetProperty("devices").EnumerateArray().Single();
            var finished = device.GetProperty("status").GetString() == "finished" ? 1 : 0;
            if (finished == 0) throw new InvalidOperationException($"the agent did not finish the broadcast: {device}");
            // The playing period is the agent's own: from its play-started to its play-finished event.
            var (cpu, played) = sampler.CpuBetween(device.GetProperty("startedAt").GetDateTimeOffset(), device.GetProperty("finishedAt").GetDateTimeOffset());
            var cpuPercent = cpu.TotalSeconds / played.TotalSeconds * 100;
            var maxRss = Math.Max(sampler.MaxRssBytes, after.RssBytes);
            Console.WriteLine(FormattableString.Invariant(
                $"played {played.TotalSeconds:0.0} s (broadcast {wall.Elapsed.TotalSeconds:0.0} s from upload to end): agent CPU {cpu.TotalSeconds:0.00} s ({cpuPercent:0.00}% of one core), RSS max {maxRss / MiB:0.0} MiB ({(sampler.AtMax ?? after).Breakdown(MiB)}; VmHWM {after.PeakRssBytes / MiB:0.0} MiB; PSS at the end {pss / MiB:0.0} MiB), {after.Threads} threads"));
            result = FormattableString.Invariant(
                $"RESULT footprint agent_rss_mb={maxRss / MiB:0.0} agent_cpu_pct={cpuPercent:0.00} agent_peak_rss_mb={after.PeakRssBytes / MiB:0.0} idle_rss_mb={idle.RssBytes / MiB:0.0} idle_cpu_pct={idleCpuPercent:0.00} finished={finished} host={(host == "program" ? (program.EndsWith(".dll", StringComparison.Ordinal) ? "dll" : "aot") : host)} native={native.ToString().ToLowerInvariant()} seconds={seconds} source={origin}");
            exitCode = finished == 1 ? 0 : 1;
        }
        Console.WriteLine(result);
        return exitCode;
    }

    /// <summary>How the agent is published for a speaker box (the README says the same).</summary>
    public const string AgentPublishCommand = "dotnet publish src/DeviceAgent -c Release -r linux-x64 -p:PublishAot=true -o artifacts/agent-linux-x64";

    /// <summary>The agent program to run: <paramref name="given"/>, or the published native agent in the repository.</summary>
    private static string AgentProgram(string given)
    {
        if (given.Length > 0) return File.Exists(given) ? Path.GetFullPath(given) : throw new FileNotFoundException("no agent program there", given);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "InfoRadio.sln"))) continue;
            var path = Path.Combine(dir.FullName, "artifacts", "agent-linux-x64", "InfoRadio.DeviceAgent");
            return File.Exists(path) ? path : throw new FileNotFoundException($"publish the agent first: {AgentPublishCommand}", path);
        }
        throw new DirectoryNotFoundException("the benchmark does not run from inside the repository");
    }

    /// <summary>"--env A=1,B=2": runtime knobs for the agent program, to measure what each changes.</summary>
    private static Dictionary<string, string> ParseEnvironment(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : throw new ArgumentException($"--env entry '{kv[0]}' needs =value"));

    private static string Describe(Dictionary<string, string> environment) =>
        environment.Count == 0 ? "" : ", " + string.Join(' ', environment.Select(kv => $"{kv.Key}={kv.Value}"));
}
