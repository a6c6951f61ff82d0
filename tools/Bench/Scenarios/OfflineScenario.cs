using System.Net.Http.Json;
using System.Text.Json;
using InfoRadio.Bench.Processes;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Testing;

namespace InfoRadio.Bench.Scenarios;

/// <summary>
/// offline: the real controller and N real speaker agents (separate processes, WAV sinks, their own state folders)
/// whose MQTT links run through a TCP proxy. Slots are scheduled through the REST API inside a window; once every
/// agent has fetched every slot's content into its cache, the proxy cuts the links and refuses them for the whole
/// window (a 4G outage), then lets them back. Each agent must have played every slot from its cache at its time, and
/// after the link returns the controller must hold each of those play events exactly once.
/// </summary>
/// <remarks>
/// played = (agent, slot) pairs whose cached take ({item id}.wav) is at least 95 % of the slot's audio.
/// events: every cached play yields a play-started and a play-finished. events_lost = expected − what the controller's
/// play log shows (a row with its start, and its end as finished); events_duplicated = (agent, slot) pairs with more
/// than one play-log row; redelivered = events the controller recognised by id and ignored (/healthz eventsDuplicate).
/// </remarks>
public static class OfflineScenario
{
    private const string Province = "01";
    private const string Commune = "01001";
    private const string Village = "0100101";

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var agents = args.Int("agents", 5);
        var slots = args.Int("slots", 5);
        var cut = TimeSpan.FromSeconds(args.Double("cut-minutes", 10) * 60);
        var length = args.Int("seconds", 20);
        var prefetchTimeout = TimeSpan.FromSeconds(args.Int("prefetch-timeout-s", 120));
        if (length * slots >= cut.TotalSeconds) throw new ArgumentException("the slots must fit inside the cut");

        using var api = new BenchCalendar();
        using var cluster = await LoopbackCluster.StartAsync("offline", 0, api.ControllerArgs());
        cluster.Keep = args.Get("keep", "false") == "true";
        api.Connect(cluster.HttpUri);
        await using var proxy = TcpChaosProxy.Start("127.0.0.1", cluster.BrokerPort);

        var devices = new List<ClusterAgent>();
        for (var i = 1; i <= agents; i++)
        {
            var id = $"offline-agent-{i}";
            var output = Path.Combine(cluster.Work, id);
            devices.Add(new ClusterAgent(id, output));
            await cluster.AddBenchAgentAsync(id, "--sink", "wav", "--wav", output, "--port", proxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        await cluster.WaitOnlineAsync(agents, TimeSpan.FromSeconds(60));
        await api.ImportAreasAsync(Province, Commune, [Village]);
        foreach (var d in devices) await api.PlaceAsync(d.Id, Village);

        // The window starts once the content is cached; the slots are placed inside it, away from its edges.
        var cutAt = DateTimeOffset.UtcNow + prefetchTimeout;
        var starts = Enumerable.Range(0, slots).Select(i => cutAt + cut * ((i + 0.5) / slots)).Select(t => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds())).ToArray();
        var ids = new List<string>();
        for (var i = 0; i < slots; i++)
        {
            var media = await api.UploadAsync(WavFiles.ToWav(Tone(length, 400 + 100 * i)), $"Offline slot {i}");
            await api.AddProgramAsync($"p-offline-{i}", $"Offline slot {i}", media, "normal", "resume", requiresApproval: false);
            await api.AddOnceAsync($"s-offline-{i}", $"p-offline-{i}", starts[i], [Commune], clashPolicy: null);
            ids.Add(InfoRadio.Controller.Offline.PlanItemIds.For($"p-offline-{i}", starts[i]));
        }
        Console.WriteLine($"{agents} agents through proxy :{proxy.Port}, {slots} slots of {length} s from {starts[0]:u} to {starts[^1]:u}, cut {cut.TotalMinutes:0.#} min");

        var prefetched = DateTime.UtcNow;
        var expectedFiles = slots;
        while (devices.Any(d => CachedFiles(d) < expectedFiles))
        {
            if (DateTimeOffset.UtcNow > cutAt - TimeSpan.FromSeconds(5))
                throw new TimeoutException($"content not cached in time: {string.Join(", ", devices.Select(d => $"{d.Id}={CachedFiles(d)}"))}");
            await Task.Delay(500);
        }
        Console.WriteLine($"every agent cached {expectedFiles} contents in {(DateTime.UtcNow - prefetched).TotalSeconds:0.0} s");
        var before = await HealthAsync(cluster);
        var wait = cutAt - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);

        proxy.Refusing = true;
        var cuts = proxy.CutAll();
        Console.WriteLine($"{DateTimeOffset.UtcNow:u} link cut ({cuts} connections), refused for {cut.TotalMinutes:0.#} min");
        await Task.Delay(cutAt + cut - DateTimeOffset.UtcNow);
        proxy.Refusing = false;
        Console.WriteLine($"{DateTimeOffset.UtcNow:u} link back ({proxy.Refused} connection attempts were refused)");
        await cluster.WaitOnlineAsync(agents, TimeSpan.FromSeconds(120));

        // Events drain after the reconnect: wait until the play log holds every cached play, or give up after a minute.
        var expectedPlays = agents * slots;
        List<JsonElement> rows = [];
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(1000))
        {
            rows = await CachedPlaysAsync(api, ids, starts);
            if (rows.Count(r => Text(r, "ending") == "finished") >= expectedPlays) break;
        }
        var after = await HealthAsync(cluster);

        var played = devices.Sum(d => ids.Count(id => Samples(Path.Combine(d.OutputDirectory, id + ".wav")) >= 0.95 * length * DecodedAudio.SampleRate));
        var pairs = rows.GroupBy(r => (Text(r, "device"), Text(r, "session"))).ToArray();
        var duplicated = pairs.Sum(g => g.Count() - 1);
        var startsSeen = pairs.Count(g => g.Any(r => Text(r, "started") is not null));
        var endsSeen = pairs.Count(g => g.Any(r => Text(r, "ending") == "finished"));
        var lost = 2 * expectedPlays - startsSeen - endsSeen;
        var redelivered = after.Duplicate - before.Duplicate;
        Console.WriteLine($"play log: {rows.Count} cached rows for {pairs.Length} (agent, slot) pairs; controller received {after.Received - before.Received} events " +
                          $"since the cut, ignored {redelivered} redeliveries");
        cluster.Dispose();
        Console.WriteLine($"RESULT offline agents={agents} slots={slots} cut_min={cut.TotalMinutes:0.#} expected={expectedPlays} played={played} " +
                          $"events_expected={2 * expectedPlays} events_lost={lost} events_duplicated={duplicated} redelivered={redelivered}");
        return played == expectedPlays && lost == 0 && duplicated == 0 ? 0 : 1;
    }

    private static int CachedFiles(ClusterAgent agent)
    {
        var dir = Path.Combine(agent.OutputDirectory, "agent-state-" + agent.Id, "cache");
        return Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "*.opus").Count() : 0;
    }

    private static async Task<(long Received, long Duplicate)> HealthAsync(LoopbackCluster cluster)
    {
        using var http = new HttpClient { BaseAddress = cluster.HttpUri };
        var health = await http.GetFromJsonAsync<JsonElement>("/healthz");
        return (health.GetProperty("eventsReceived").GetInt64(), health.GetProperty("eventsDuplicate").GetInt64());
    }

    private static async Task<List<JsonElement>> CachedPlaysAsync(BenchCalendar api, List<string> ids, DateTimeOffset[] starts)
    {
        var from = DateOnly.FromDateTime(BroadcastTimeZone.ToLocal(starts[0]));
        var to = DateOnly.FromDateTime(BroadcastTimeZone.ToLocal(starts[^1])).AddDays(1);
        var table = await api.SendJsonAsync(BenchCalendar.Technician, HttpMethod.Get, $"/api/reports/playlog?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", null);
        return table.GetProperty("rows").EnumerateArray()
            .Where(r => ids.Contains(Text(r, "session") ?? "") && r.TryGetProperty("cached", out var c) && c.ValueKind == JsonValueKind.True)
            .ToList();
    }

    private static string? Text(JsonElement row, string key) =>
        row.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long Samples(string wav) => File.Exists(wav) ? Math.Max(0, new FileInfo(wav).Length - 44) / 2 : 0;

    private static float[] Tone(int seconds, double hz)
    {
        var samples = new float[seconds * DecodedAudio.SampleRate];
        for (var i = 0; i < samples.Length; i++) samples[i] = (float)(0.5 * Math.Sin(2 * Math.PI * hz * i / DecodedAudio.SampleRate));
        return samples;
    }
}
