using System.Text.Json;
using InfoRadio.Bench.Processes;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Bench.Scenarios;

/// <summary>
/// schedule: the real controller (LiteDB catalog, media library, accounts from its command line) and N agents as
/// separate processes, in real time. Through the REST API a technician places the agents in two villages of a
/// commune, a broadcaster uploads two bulletins and schedules one short bulletin every few seconds for the commune,
/// and every few slots an emergency bulletin (approved by an approver) for the first agent's village, overlapping
/// the normal one (clash policy override; the normal one is skipped there: preemption skip). The scheduler alone
/// puts them on air. Aired, missed and doubled come from the controller's air ledger (GET /api/airings), cross-checked
/// against the agents' WAV sidecars: for every slot and agent it should reach, when its first sample sounded. The
/// start error is that instant minus the slot's start.
/// </summary>
public static class ScheduleScenario
{
    private const string Province = "01";
    private const string Commune = "01001";
    private const string VillageA = "0100101";
    private const string VillageB = "0100102";

    /// <summary>One slot of the calendar: a once schedule "s-{Id}" of its own program "p-{Id}" titled <see cref="Id"/>.</summary>
    private sealed record Slot(string Id, DateTimeOffset Start, int Seconds, PriorityClass Class, string[] Devices)
    {
        public DateTimeOffset End => Start.AddSeconds(Seconds);
        public string ScheduleId => "s-" + Id;
    }

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var agents = args.Int("agents", 3);
        var count = args.Int("slots", 50);
        var every = args.Int("every-s", 4);
        var length = args.Int("seconds", 2);
        var pairEvery = args.Int("pair-every", 10);
        var warmup = args.Int("warmup-s", 40);

        using var api = new BenchCalendar();
        using var cluster = await LoopbackCluster.StartAsync("schedule", agents, api.ControllerArgs());
        cluster.Keep = args.Get("keep", "false") == "true";
        api.Connect(cluster.HttpUri);

        var devices = cluster.Agents.Select(a => a.Id).ToArray();
        await api.ImportAreasAsync(Province, Commune, [VillageA, VillageB]);
        for (var i = 0; i < devices.Length; i++) await api.PlaceAsync(devices[i], i == 0 ? VillageA : VillageB);
        var normalMedia = await api.UploadAsync(WavFiles.ToWav(Bulletin(length)), "Bench bulletin");
        var alertMedia = await api.UploadAsync(WavFiles.ToWav(Bulletin(1)), "Bench alert");

        var first = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + warmup);
        var slots = new List<Slot>();
        var made = DateTime.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var start = first.AddSeconds(i * every);
            var paired = pairEvery > 0 && i % pairEvery == pairEvery - 1;
            var slot = new Slot($"slot-{i:000}", start, length, PriorityClass.Normal, devices);
            await api.AddProgramAsync("p-" + slot.Id, slot.Id, normalMedia, "normal", paired ? "skip" : "resume", requiresApproval: false);
            await api.AddOnceAsync(slot.ScheduleId, "p-" + slot.Id, start, [Commune], clashPolicy: null);
            slots.Add(slot);
            if (!paired) continue;
            var alert = new Slot($"alert-{i:000}", start.AddSeconds(1), 1, PriorityClass.Emergency, [devices[0]]);
            await api.AddProgramAsync("p-" + alert.Id, alert.Id, alertMedia, "emergency", "resume", requiresApproval: true);
            await api.AddOnceAsync(alert.ScheduleId, "p-" + alert.Id, alert.Start, [VillageA], clashPolicy: "override");
            slots.Add(alert);
        }
        var pairs = slots.Count(s => s.Class == PriorityClass.Emergency);
        Console.WriteLine($"{slots.Count} slots ({pairs} emergency overlaps, approved) made through the API in {(DateTime.UtcNow - made).TotalSeconds:0.0} s, " +
                          $"from {first:u}, every {every} s, {agents} agents");
        if (DateTimeOffset.UtcNow > first.AddSeconds(-10)) Console.WriteLine("warning: the calendar was finished less than the scheduler's lead time before its first slot: raise --warmup-s");

        var wait = slots.Max(s => s.End) - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(8);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);

        var titles = await api.SessionTitlesAsync();
        var takes = cluster.Agents.SelectMany(a => Takes(a, titles)).ToList();
        var ledger = new List<JsonElement>();
        foreach (var day in slots.Select(s => DateOnly.FromDateTime(BroadcastTimeZone.ToLocal(s.Start))).Distinct())
            ledger.AddRange(await api.AiringsAsync(day));
        var skipsLogged = (await api.PreemptionsAsync(devices[0])).Count(e => e.GetProperty("role").GetString() == "skipped");
        Console.WriteLine($"{titles.Count} sessions on the controller, {takes.Count} takes at the agents, {ledger.Count} ledger records, " +
                          $"{skipsLogged} skips in {devices[0]}'s preemption log (expected {pairs})");
        var (result, exitCode) = ScheduleReport.Of(slots.Select(s => new ScheduleReport.SlotView(s.Id, s.ScheduleId, s.Start, s.Devices, Expected(s, slots))).ToList(),
            ledger, takes, devices.Length);
        // Last, after the children are gone, so that nothing they print follows it.
        cluster.Dispose();
        Console.WriteLine(result);
        return skipsLogged == pairs ? exitCode : 1;
    }

    /// <summary>The agents a slot should sound on: its own, less those a higher-class overlapping slot takes (the normal slots then skip).</summary>
    private static string[] Expected(Slot slot, List<Slot> slots) =>
        slot.Devices.Where(d => !slots.Any(o => o.Class > slot.Class && o.Devices.Contains(d) && o.Start < slot.End && slot.Start < o.End)).ToArray();

    private static IEnumerable<ScheduleReport.Take> Takes(ClusterAgent agent, Dictionary<string, string> titles)
    {
        if (!Directory.Exists(agent.OutputDirectory)) yield break;
        foreach (var path in Directory.EnumerateFiles(agent.OutputDirectory, "*.timeline.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            var session = root.GetProperty("session").GetString()!;
            if (!titles.TryGetValue(session, out var title)) continue;
            yield return new ScheduleReport.Take(agent.Id, title, session, root.GetProperty("position").GetUInt64(), root.GetProperty("deviceUs").GetInt64(),
                root.GetProperty("controllerUs").GetInt64());
        }
    }

    /// <summary>A bulletin-like tone: 600 Hz with a 5 ms fade at each end.</summary>
    private static float[] Bulletin(int seconds)
    {
        var samples = new float[seconds * DecodedAudio.SampleRate];
        const int Fade = DecodedAudio.SampleRate / 200;
        for (var i = 0; i < samples.Length; i++)
        {
            var envelope = Math.Min(1.0, Math.Min(i, samples.Length - 1 - i) / (double)Fade);
            samples[i] = (float)(0.5 * envelope * Math.Sin(2 * Math.PI * 600 * i / DecodedAudio.SampleRate));
        }
        return samples;
    }
}
