using System.Diagnostics;
using System.Globalization;
using InfoRadio.Bench.Processes;
using InfoRadio.Controller.Audio;

namespace InfoRadio.Bench.Scenarios;

/// <summary>
/// <c>reconnect</c>: the controller (embedded broker) in a child process, N speakers of the load simulator in another,
/// all playing a long broadcast; the controller is stopped (SIGTERM, as systemd does) and started again, then killed
/// (SIGKILL, a crash) and started again, each time on the same data folder and ports. From the new process's launch,
/// it times when the controller's registry lists every speaker online, and when every speaker receives the audio of a
/// broadcast to all that is started as soon as the new controller answers; recovered = the later of the two.
/// </summary>
public static class ReconnectScenario
{
    private static readonly TimeSpan ReceivingWindow = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var agents = args.Int("agents", 2000);
        var broadcastSeconds = args.Int("broadcast-s", 120);
        var timeout = TimeSpan.FromSeconds(args.Int("timeout-s", 120));
        var modes = args.Get("modes", "graceful,sigkill").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var jitterMs = args.Int("reconnect-jitter-ms", 5000);
        var work = Directory.CreateTempSubdirectory("inforadio-bench-reconnect-").FullName;
        var loadSim = BuiltPrograms.LoadSim(AppContext.BaseDirectory);
        try
        {
            using var controller = new ControllerProcess(Path.Combine(work, "data"), ControllerProcess.BenchVerb);
            await controller.StartAsync(TimeSpan.FromSeconds(60));
            var credentials = Path.Combine(work, "credentials.csv");
            await ProvisionAsync(loadSim, controller, agents, credentials);

            var fleet = new FleetStatus();
            using var fleetProcess = ChildProcess.StartProgram("loadsim", loadSim, [
                "run", "--broker", $"127.0.0.1:{controller.BrokerPort.ToString(CultureInfo.InvariantCulture)}", "--credentials", credentials,
                "--duration-s", "36000", "--status-ms", "200", "--connects-per-s", args.Get("connects-per-s", "500"),
                "--reconnect-jitter-ms", jitterMs.ToString(CultureInfo.InvariantCulture),
            ]);
            fleetProcess.Echo = false;
            fleetProcess.LineReceived += fleet.Read;

            var clock = Stopwatch.StartNew();
            await WaitAsync(() => fleet.Connected == agents, TimeSpan.FromSeconds(Math.Max(60, agents / 20)), "the fleet connected", fleetProcess);
            await WaitAsync(async () => await controller.Api.OnlineCountAsync() == agents, TimeSpan.FromSeconds(60), "the controller lists every speaker online", fleetProcess);
            Console.Error.WriteLine($"{agents} speakers online after {clock.Elapsed.TotalSeconds:0.0} s");
            var wav = WavFiles.ToWav(SpeechLikeSignal.Generate(seed: 8, TimeSpan.FromSeconds(broadcastSeconds)));
            await controller.Api.StartBroadcastAsync(wav, "all", "before the restart");
            await WaitAsync(() => fleet.Receiving == agents, TimeSpan.FromSeconds(60), "every speaker receives the broadcast", fleetProcess);

            var results = new List<Recovery>();
            foreach (var mode in modes)
            {
                var down = Stopwatch.StartNew();
                if (mode == "sigkill") await controller.KillAsync();
                else if (mode == "graceful") await controller.StopAsync(TimeSpan.FromSeconds(60));
                else throw new ArgumentException($"--modes takes graceful and sigkill, not '{mode}'");
                var stopS = down.Elapsed.TotalSeconds;
                var recovery = await RestartAndMeasureAsync(controller, fleet, fleetProcess, agents, wav, mode, timeout);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{mode}: stop {stopS:0.00} s; healthy {recovery.HealthyS:0.00} s, all online {recovery.OnlineS:0.00} s, all receiving {recovery.PlayingS:0.00} s after the new process started"));
                results.Add(recovery);
            }

            var worst = results.MaxBy(r => r.RecoveredS)!;
            var others = string.Concat(results.Select(r => string.Create(CultureInfo.InvariantCulture, $" {r.Mode}_recovered_s={r.RecoveredS:0.0}")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT reconnect agents={agents} recovered_s={worst.RecoveredS:0.0} online_s={worst.OnlineS:0.0} playing_s={worst.PlayingS:0.0} mode={worst.Mode}{others}"));
            return 0;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private sealed record Recovery(string Mode, double HealthyS, double OnlineS, double PlayingS)
    {
        public double RecoveredS => Math.Max(OnlineS, PlayingS);
    }

    private static async Task<Recovery> RestartAndMeasureAsync(ControllerProcess controller, FleetStatus fleet, ChildProcess fleetProcess,
        int agents, byte[] wav, string mode, TimeSpan timeout)
    {
        var since = Stopwatch.StartNew();
        await controller.StartAsync(timeout);
        var healthy = since.Elapsed.TotalSeconds;
        await controller.Api.StartBroadcastAsync(wav, "all", "after the " + mode + " restart");
        double? online = null, playing = null;
        // Audio counts only from a status taken a receiving window after the new process started: the old process's
        // stream died with it, so whatever the fleet received within that window came from the new one.
        var freshFrom = Stopwatch.GetTimestamp() - (long)(since.Elapsed.TotalSeconds * Stopwatch.Frequency) + (long)(ReceivingWindow.TotalSeconds * Stopwatch.Frequency);
        while (online is null || playing is null)
        {
            if (since.Elapsed > timeout)
                throw new TimeoutException($"after the {mode} restart: online {online?.ToString("0.0", CultureInfo.InvariantCulture) ?? "not all"}, " +
                    $"receiving {fleet.Receiving} of {agents}, connected {fleet.Connected}");
            if (fleetProcess.HasExited) throw new InvalidOperationException("the load simulator exited");
            if (online is null && await controller.Api.OnlineCountAsync() == agents) online = since.Elapsed.TotalSeconds;
            if (playing is null && fleet.Receiving == agents && fleet.ReadAt > freshFrom)
                playing = since.Elapsed.TotalSeconds;
            await Task.Delay(100);
        }
        return new Recovery(mode, healthy, online.Value, playing.Value);
    }

    private static async Task ProvisionAsync(string loadSim, ControllerProcess controller, int agents, string credentials)
    {
        using var provision = ChildProcess.StartProgram("provision", loadSim, [
            "provision", "--controller", controller.HttpUri.ToString(), "--token", controller.InstallerToken,
            "--count", agents.ToString(CultureInfo.InvariantCulture), "--prefix", "rc-", "--out", credentials,
        ]);
        await provision.WaitForExitAsync();
        if (provision.ExitCode != 0) throw new InvalidOperationException($"provisioning failed ({provision.ExitCode.ToString(CultureInfo.InvariantCulture)})");
    }

    private static Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what, ChildProcess watched) =>
        WaitAsync(() => Task.FromResult(condition()), timeout, what, watched);

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, ChildProcess watched)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watched.HasExited) throw new InvalidOperationException($"{watched.Name} exited while waiting until {what}");
            if (deadline.Elapsed > timeout) throw new TimeoutException($"not within {timeout.TotalSeconds:0} s: {what}");
            await Task.Delay(100);
        }
    }
}
