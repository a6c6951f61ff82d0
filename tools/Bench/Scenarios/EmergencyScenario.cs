using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using InfoRadio.Bench.Processes;
using InfoRadio.Controller.Audio;

namespace InfoRadio.Bench.Scenarios;

/// <summary>
/// emergency: the real controller in one process and N real speaker agents in another (<c>__agents</c>), over
/// loopback. A normal program plays to all of them; then a broadcaster POSTs an emergency to all. For each agent the
/// reach is the time from the API call to the emergency's first sample leaving its sink (the sink timing log; both
/// processes read the same machine clock). Also printed: how long the API call took, and the controller's own reach
/// report (when it received each speaker's play-started).
/// </summary>
public static class EmergencyScenario
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var agents = args.Int("agents", 200);
        var programSeconds = args.Int("program-s", 60);
        var settleSeconds = args.Int("settle-s", 8);
        var messageSeconds = args.Int("message-s", 3);
        var native = args.Get("native", "true");

        using var api = new BenchCalendar();
        using var cluster = await LoopbackCluster.StartAsync("emergency", 0, api.ControllerArgs());
        cluster.Keep = args.Get("keep", "false") == "true";
        api.Connect(cluster.HttpUri);

        var credentials = Path.Combine(cluster.Work, "credentials.txt");
        var lines = new List<string>();
        for (var i = 1; i <= agents; i++)
        {
            var agentId = $"em-agent-{i:000}";
            lines.Add($"{agentId} {await cluster.Api.RegisterAsync(agentId)}");
        }
        await File.WriteAllLinesAsync(credentials, lines);
        var output = Path.Combine(cluster.Work, "agents");
        // The simulated fleet stands in for N separate boxes that, on this machine, share its cores with the controller.
        // By default both get a fair share (niceness 0); --agents-nice 10 starves the fleet whenever the controller is
        // busy (a stress case: no real box waits for the controller's CPU), which delays every speaker's own work.
        cluster.StartNicedChild("agents", args.Int("agents-nice", 0), "__agents", "--port", cluster.BrokerPort.ToString(CultureInfo.InvariantCulture), "--credentials", credentials,
            "--out", output, "--native", native);
        var connect = Stopwatch.StartNew();
        await cluster.WaitOnlineAsync(agents, TimeSpan.FromSeconds(180));
        Console.WriteLine($"{agents} agents online in {connect.Elapsed.TotalSeconds:0.0} s (one process, native opus {native})");

        var program = await cluster.Api.StartBroadcastAsync(WavFiles.ToWav(Tone(440, programSeconds)), "all", "Bench program");
        var message = await api.UploadAsync(WavFiles.ToWav(Tone(1000, messageSeconds)), "Bench emergency message");
        if (args.Get("warmup", "false") == "true")
        {
            // A long-running controller has aired emergencies before: one to a single speaker first, so the measured
            // one does not pay the first call's costs (JIT, first database mappings). Off by default.
            var warm = await api.SendJsonAsync(BenchCalendar.Broadcaster, HttpMethod.Post, "/api/emergencies",
                new { title = "Warm-up", targets = new { devices = new[] { lines[0].Split(' ')[0] } }, mediaId = message, repeat = 1, origin = "district" });
            var warmId = warm.GetProperty("id").GetString()!;
            var until = DateTime.UtcNow.AddSeconds(30);
            while ((await api.SendJsonAsync(BenchCalendar.Broadcaster, HttpMethod.Get, $"/api/emergencies/{warmId}", null)).GetProperty("state").GetString() == "active"
                   && DateTime.UtcNow < until)
                await Task.Delay(500);
        }
        await Task.Delay(TimeSpan.FromSeconds(settleSeconds));
        var playing = Directory.Exists(output)
            ? Directory.EnumerateDirectories(output).Count(d => File.Exists(Path.Combine(d, program + ".timing.csv")))
            : 0;
        Console.WriteLine($"program {program} playing at {playing}/{agents} agents; load average {Load()}");

        var requestedUs = NowUs();
        var created = await api.SendJsonAsync(BenchCalendar.Broadcaster, HttpMethod.Post, "/api/emergencies",
            new { title = "Bench emergency", targets = "all", mediaId = message, repeat = 1, origin = "district" });
        var apiMs = (NowUs() - requestedUs) / 1000.0;
        var id = created.GetProperty("id").GetString()!;

        JsonElement report;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            report = await api.SendJsonAsync(BenchCalendar.Broadcaster, HttpMethod.Get, $"/api/emergencies/{id}", null);
            if (report.GetProperty("state").GetString() != "active" || DateTime.UtcNow > deadline) break;
            await Task.Delay(500);
        }
        var session = report.GetProperty("broadcastId").GetString()!;
        var reach = new List<double>();
        foreach (var agent in lines.Select(l => l.Split(' ')[0]))
            if (FirstSampleUs(Path.Combine(output, agent, session + ".timing.csv")) is { } firstUs) reach.Add((firstUs - requestedUs) / 1000.0);
        reach.Sort();
        var counts = report.GetProperty("counts");
        var reportReached = counts.GetProperty("reached").GetInt32();
        var reportP50 = counts.TryGetProperty("reachP50Ms", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt64() : -1;
        var finished = counts.GetProperty("finished").GetInt32();
        var broadcast = await api.SendJsonAsync(BenchCalendar.Broadcaster, HttpMethod.Get, $"/api/broadcasts/{session}", null);
        var statuses = broadcast.GetProperty("devices").EnumerateArray().GroupBy(d => d.GetProperty("status").GetString())
            .Select(g => $"{g.Key} {g.Count()}");
        var reasons = broadcast.GetProperty("devices").EnumerateArray().GroupBy(d => d.TryGetProperty("reason", out var r) ? r.ToString() : "")
            .Select(g => $"{g.Count()}× {g.Key}");
        Console.WriteLine($"broadcast reasons: {string.Join("; ", reasons)}; its own: {broadcast.GetProperty("reason")}");
        Console.WriteLine($"broadcast {session}: {broadcast.GetProperty("state").GetString()}, deliveries: {string.Join(", ", statuses)}");
        var load = Load();
        Console.WriteLine($"emergency {id}: state {report.GetProperty("state").GetString()}, report: {reportReached} reached (p50 {reportP50} ms by play-started " +
                          $"received), {finished} finished; API call {apiMs:0} ms; load average {load}");
        cluster.Dispose();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT emergency agents={agents} reached={reach.Count} reach_p50_ms={Percentile(reach, 0.5):0} reach_p99_ms={Percentile(reach, 0.99):0} " +
            $"reach_max_ms={(reach.Count > 0 ? reach[^1] : double.NaN):0} reach_min_ms={(reach.Count > 0 ? reach[0] : double.NaN):0} api_ms={apiMs:0} " +
            $"report_reached={reportReached} report_finished={finished} load1={load.Split(' ')[0]}"));
        return reach.Count == agents ? 0 : 1;
    }

    /// <summary>The sink timing log's first block: when the session's first sample left the sink (unix µs).</summary>
    private static long? FirstSampleUs(string path)
    {
        if (!File.Exists(path)) return null;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || line.StartsWith("index", StringComparison.Ordinal)) continue;
            var parts = line.Split(',');
            return parts.Length == 3 && parts[0] == "0" ? long.Parse(parts[2], CultureInfo.InvariantCulture) : null;
        }
        return null;
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static long NowUs() => (DateTimeOffset.UtcNow.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static float[] Tone(double hz, int seconds)
    {
        var samples = new float[seconds * DecodedAudio.SampleRate];
        for (var i = 0; i < samples.Length; i++) samples[i] = (float)(0.4 * Math.Sin(2 * Math.PI * hz * i / DecodedAudio.SampleRate));
        return samples;
    }
}
