using System.Diagnostics;
using System.Globalization;
using InfoRadio.Bench.Measurement;
using InfoRadio.Bench.Processes;

namespace InfoRadio.Bench.Scenarios;

/// <summary>
/// fanout: how many speakers one box serves one live stream to with every packet on time. The controller runs as a
/// child process (its embedded broker, or mosquitto 2 as a second child with generated password and ACL files); the
/// load simulator (tools/LoadSim <c>run</c>) is a third process holding N speakers, each its own MQTT connection with
/// its own credentials. One live announcement to <c>all</c> is fed over <c>/api/live</c> for the whole run: with the
/// fleet registered (the largest step) at or over <c>Broadcast:Profiles:WideLiveFromSpeakers</c> the controller gives it
/// the wide live profile (200 ms per MQTT message, 1000 ms latency), below that the live profile (40 ms, 200 ms); the
/// latency it chose is printed; for each step the simulator connects N speakers, waits, then
/// measures a window; the count grows until a step is not 100% on time. The controller publishes each packet once;
/// the broker fans it out.
/// </summary>
public static class FanoutScenario
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var steps = args.Get("steps", "1000,2000,3000,4000,5000,6000,7000,8000").Split(',')
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var brokers = args.Get("brokers", "embedded,mosquitto").Split(',');
        if (steps.Length == 0 || steps.Any(s => s < 1)) throw new ArgumentException("--steps must list positive counts");
        if (brokers.Any(b => b is not ("embedded" or "mosquitto"))) throw new ArgumentException("--brokers lists embedded and/or mosquitto");
        var settings = new FanoutSettings(
            SecondsPerStep: args.Int("seconds-per-step", 30),
            // Steady delivery is measured, not the connect storm before it (that is the reconnect scenario's): at 5,000
            // speakers the clock-sync bursts and retained state that follow the last CONNECT keep the box busy for some
            // seconds after all are connected, and 5 s left late packets at the start of the window (2 December 2026).
            WarmupSeconds: args.Int("warmup-s", 15),
            ConnectsPerSecond: args.Int("connects-per-s", 250),
            PauseSeconds: args.Int("pause-s", 3),
            StopAtFirstMiss: args.Get("stop-at-first-miss", "true") == "true",
            LoadSim: args.Get("loadsim", "") is { Length: > 0 } path ? Path.GetFullPath(path) : LocateLoadSim(),
            // Passed on as Broadcast:Profiles:WideLiveFromSpeakers; 0 measures the live profile at every count.
            WideLiveFrom: args.Get("wide-live-from", ""));
        WarnIfBusy();

        var work = Directory.CreateTempSubdirectory("inforadio-bench-fanout-").FullName;
        var keep = args.Get("keep", "false") == "true";
        var token = "bench-fanout-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var results = new List<string>();
        var bests = new Dictionary<string, int>();
        try
        {
            var credentials = await ProvisionAsync(work, token, steps.Max(), settings);
            foreach (var broker in brokers)
            {
                var (best, failed) = await RunBrokerAsync(broker, work, token, credentials, steps, settings);
                bests[broker] = best?.Agents ?? 0;
                results.Add(FanoutStep.ResultLine(broker, best, failed));
            }
        }
        finally
        {
            if (keep) Console.Error.WriteLine($"kept {work}");
            else try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
        // Last, after the children are gone, so that nothing they print follows them; the summary line ends the run.
        foreach (var line in results) Console.WriteLine(line);
        var summary = string.Join(' ', bests.Select(b => FormattableString.Invariant($"{b.Key}_agents={b.Value}")));
        var met = bests.GetValueOrDefault("embedded") >= 5000 && (!bests.TryGetValue("mosquitto", out var m) || bests["embedded"] >= m);
        Console.WriteLine($"RESULT fanout {summary} goal_agents=5000 goal_met={(met ? "yes" : "no")}");
        return 0;
    }

    private sealed record FanoutSettings(int SecondsPerStep, int WarmupSeconds, int ConnectsPerSecond, int PauseSeconds, bool StopAtFirstMiss, string LoadSim,
        string WideLiveFrom)
    {
        public string[] ControllerArgs => WideLiveFrom.Length > 0 ? [$"--Broadcast:Profiles:WideLiveFromSpeakers={WideLiveFrom}"] : [];
    }

    /// <summary>Registers <paramref name="count"/> speakers once (PBKDF2 per secret: this takes a while), with the load simulator's <c>provision</c>.</summary>
    private static async Task<string> ProvisionAsync(string work, string token, int count, FanoutSettings settings)
    {
        var csv = Path.Combine(work, "fleet.csv");
        var clock = Stopwatch.StartNew();
        using (var controller = await StandaloneController.StartAsync(work, token, embedded: true, brokerPort: Ports.Free(), controllerPassword: null))
        using (var provision = WatchedProcess.Start("provision", settings.LoadSim,
            ["provision", "--controller", controller.HttpUri.ToString(), "--token", token, "--count", count.ToString(CultureInfo.InvariantCulture), "--out", csv]))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
            await provision.WaitForExitAsync(timeout.Token);
        }
        var lines = File.Exists(csv) ? File.ReadLines(csv).Count() - 1 : 0;
        if (lines != count) throw new InvalidOperationException($"provisioning registered {lines} of {count} speakers");
        Console.WriteLine(FormattableString.Invariant($"provisioned {count} speakers in {clock.Elapsed.TotalSeconds:0.0} s"));
        return csv;
    }

    /// <summary>Every step against one broker; returns the largest count all on time and the first that was not.</summary>
    private static async Task<(FanoutStep? Best, FanoutStep? Failed)> RunBrokerAsync(string broker, string work, string token, string credentials,
        int[] steps, FanoutSettings settings)
    {
        var port = Ports.Free();
        var controllerPassword = broker == "mosquitto" ? Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)) : null;
        using var mosquitto = broker == "mosquitto"
            ? await MosquittoBroker.StartAsync(Path.Combine(work, "mosquitto"), port, ReadCredentials(credentials), controllerPassword!)
            : null;
        using var controller = await StandaloneController.StartAsync(work, token, embedded: mosquitto is null, port, controllerPassword, settings.ControllerArgs);
        await using var feed = await LiveFeed.StartAsync(controller.HttpUri, token, "all", "bench fanout");
        Console.WriteLine(FormattableString.Invariant(
            $"broker={broker}: live session {feed.OnAir.GetProperty("id").GetString()} on stream {feed.OnAir.GetProperty("stream")} (profile {feed.OnAir.GetProperty("profile")}, latency {feed.OnAir.GetProperty("latencyMs")} ms)"));
        FanoutStep? best = null;
        FanoutStep? firstMiss = null;
        foreach (var agents in steps)
        {
            var step = await RunStepAsync(broker, agents, port, credentials, controller.ProcessId, mosquitto?.ProcessId, feed, settings);
            Console.WriteLine(step.StepLine());
            if (feed.ClosedBy is { } why) Console.Error.WriteLine($"warning: the controller closed the live session ({why}): later steps carry no audio");
            if (step.AllOnTime) best = step;
            else
            {
                firstMiss ??= step;
                if (settings.StopAtFirstMiss) return (best, step);
            }
            await Task.Delay(TimeSpan.FromSeconds(settings.PauseSeconds));
        }
        return (best, firstMiss);
    }

    private static async Task<FanoutStep> RunStepAsync(string broker, int agents, int port, string credentials, int controllerPid, int? brokerPid,
        LiveFeed feed, FanoutSettings settings)
    {
        using var sim = WatchedProcess.Start($"loadsim-{agents}", settings.LoadSim,
        [
            "run", "--broker", $"127.0.0.1:{port}", "--credentials", credentials, "--agents", agents.ToString(CultureInfo.InvariantCulture),
            "--duration-s", settings.SecondsPerStep.ToString(CultureInfo.InvariantCulture), "--warmup-s", settings.WarmupSeconds.ToString(CultureInfo.InvariantCulture),
            "--connects-per-s", settings.ConnectsPerSecond.ToString(CultureInfo.InvariantCulture),
        ]);
        // The simulator gives up waiting for connections after max(60 s, N / 20 s) and measures anyway.
        var connectTimeout = TimeSpan.FromSeconds(Math.Max(60, agents / 20) + agents / (double)settings.ConnectsPerSecond + 60);
        await sim.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal) || l.StartsWith("NOT READY", StringComparison.Ordinal), connectTimeout);
        await sim.WaitForLineAsync("MEASURING", TimeSpan.FromSeconds(settings.WarmupSeconds + 60));
        var wall = Stopwatch.StartNew();
        var lateSendsBefore = feed.LateSends;
        var controllerBefore = Cpu(controllerPid);
        var brokerBefore = brokerPid is { } b ? Cpu(b) : TimeSpan.Zero;
        var result = await sim.WaitForLineAsync("RESULT loadsim", TimeSpan.FromSeconds(settings.SecondsPerStep + 120));
        var seconds = wall.Elapsed.TotalSeconds;
        var controllerCpu = 100 * (Cpu(controllerPid) - controllerBefore).TotalSeconds / seconds;
        var brokerCpu = brokerPid is { } p ? 100 * (Cpu(p) - brokerBefore).TotalSeconds / seconds : 0;
        await sim.WaitForExitAsync();
        return new FanoutStep(broker, agents, FanoutStep.ParseResult(result), controllerCpu, brokerCpu, seconds, feed.LateSends - lateSendsBefore);
    }

    private static TimeSpan Cpu(int pid) => ProcessStats.Read(pid)?.Cpu ?? throw new InvalidOperationException($"process {pid} is gone");

    private static IEnumerable<(string Id, string Secret)> ReadCredentials(string csv) =>
        File.ReadLines(csv).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',', 2)).Select(p => (p[0], p[1]));

    /// <summary>tools/LoadSim's Release build in this checkout.</summary>
    private static string LocateLoadSim()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "InfoRadio.sln"))) continue;
            var path = Path.Combine(dir.FullName, "tools", "LoadSim", "bin", "Release", "net10.0", "InfoRadio.LoadSim.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"build the load simulator first (dotnet build tools/LoadSim -c Release): {path}");
        }
        throw new FileNotFoundException("not run from a checkout: pass --loadsim path/to/InfoRadio.LoadSim.dll");
    }

    /// <summary>The figures are only worth something on a quiet machine: say so when it is not.</summary>
    private static void WarnIfBusy()
    {
        try
        {
            var load = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
            if (load > Environment.ProcessorCount)
                Console.WriteLine(FormattableString.Invariant($"warning: load average {load:0.00} on {Environment.ProcessorCount} cores: other work shares the machine, the figures will be low"));
        }
        catch (IOException) { }
    }
}
