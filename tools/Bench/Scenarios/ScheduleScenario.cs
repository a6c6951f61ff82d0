using System.Net.Http.Json;
using System.Text.Json;
using InfoRadio.Bench.Processes;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Bench.Scenarios;

/// <summary>
/// schedule: the controller and N agents as separate processes, in real time, with a calendar of short bulletins
/// (one every few seconds to every agent) and, every few slots, an emergency bulletin overlapping it on the first
/// agent (the normal one is skipped there: policy skip). The scheduler alone puts them on air. For every slot and
/// every agent it should reach, the agent's WAV sidecar says when its first played sample sounded (controller
/// clock, as the agent estimates it); the start error is that instant minus the slot's start. A slot airs when it
/// sounded on every agent it should; doubled counts (slot, agent) pairs that sounded more than once.
/// </summary>
public static class ScheduleScenario
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var agents = args.Int("agents", 3);
        var count = args.Int("slots", 50);
        var every = args.Int("every-s", 4);
        var length = args.Int("seconds", 2);
        var pairEvery = args.Int("pair-every", 10);
        var warmup = args.Int("warmup-s", 40);

        var devices = Enumerable.Range(1, agents).Select(i => $"bench-agent-{i}").ToArray();
        var first = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + warmup;
        var slots = new List<SeedSlot>();
        for (var i = 0; i < count; i++)
        {
            var start = first + i * every;
            var paired = pairEvery > 0 && i % pairEvery == pairEvery - 1;
            slots.Add(new SeedSlot($"slot-{i:000}", start, length, PriorityClass.Normal, paired ? PreemptionPolicy.Skip : PreemptionPolicy.Resume, devices));
            if (paired) slots.Add(new SeedSlot($"alert-{i:000}", start + 1, 1, PriorityClass.Emergency, PreemptionPolicy.Resume, [devices[0]]));
        }
        var seedPath = Path.Combine(Path.GetTempPath(), $"inforadio-schedule-seed-{Guid.NewGuid():N}.json");
        new ScheduleSeed(devices, [.. slots]).Save(seedPath);
        Console.WriteLine($"{slots.Count} slots ({slots.Count(s => s.Class == PriorityClass.Emergency)} emergency overlaps) from {DateTimeOffset.FromUnixTimeSeconds(first):u}, every {every} s, {agents} agents");

        string result;
        int exitCode;
        try
        {
            using var cluster = await LoopbackCluster.StartAsync("schedule", agents, [ScheduleSeed.Option, seedPath]);
            cluster.Keep = args.Get("keep", "false") == "true";
            var last = slots.Max(s => s.End);
            var wait = last - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(8);
            if (wait > TimeSpan.Zero) await Task.Delay(wait);

            var titles = await SessionTitlesAsync(cluster);
            var takes = cluster.Agents.SelectMany(a => Takes(a, titles)).ToList();
            Console.WriteLine($"{titles.Count} sessions on the controller, {takes.Count} takes at the agents");
            (result, exitCode) = Report(slots, devices, takes);
        }
        finally
        {
            File.Delete(seedPath);
        }
        Console.WriteLine(result);
        return exitCode;
    }

    /// <summary>A take's first sample: its stream position and when it sounded, by the agent's own clock (the host's clock, which the controller shares on loopback) and by its estimate of the controller's.</summary>
    private sealed record Take(string Device, string Slot, string Session, ulong Position, long DeviceUs, long ControllerUs);

    private static (string, int) Report(List<SeedSlot> slots, string[] devices, List<Take> takes)
    {
        var errors = new List<double>();
        var estimated = new List<double>();
        int aired = 0, doubled = 0, clipped = 0;
        foreach (var slot in slots)
        {
            var expected = slot.Devices.Where(d => !Preempted(slot, d, slots)).ToArray();
            var reached = 0;
            foreach (var device in expected)
            {
                var mine = takes.Where(t => t.Slot == slot.Id && t.Device == device).OrderBy(t => t.ControllerUs).ToList();
                if (mine.Count == 0) { Console.WriteLine($"{slot.Id}: nothing sounded on {device}"); continue; }
                reached++;
                if (mine.Count > 1) doubled++;
                if (mine[0].Position > 0) clipped++;
                // Measured on the host's clock, which both the controller and the agent read: the agent's clock-sync
                // error counts too. The agent's own estimate of controller time is printed beside it.
                var errorMs = (mine[0].DeviceUs - slot.Start.ToUnixTimeMilliseconds() * 1000) / 1000.0;
                errors.Add(errorMs);
                estimated.Add((mine[0].ControllerUs - slot.Start.ToUnixTimeMilliseconds() * 1000) / 1000.0);
                if (Math.Abs(errorMs) > 20)
                    Console.WriteLine(FormattableString.Invariant($"{slot.Id} on {device}: first sample (position {mine[0].Position}) sounded {errorMs:0.00} ms from the slot's start"));
            }
            if (reached == expected.Length) aired++;
        }
        errors.Sort();
        if (errors.Count == 0) return ("RESULT schedule slots=" + slots.Count + " aired=0 (nothing sounded)", 1);
        var absolute = errors.Select(Math.Abs).Order().ToList();
        var p99 = Quantile(absolute, 0.99);
        Console.WriteLine(FormattableString.Invariant(
            $"start error over {errors.Count} (slot, agent) starts: min {errors[0]:0.00} ms, median {Quantile(errors, 0.5):0.00} ms, max {errors[^1]:0.00} ms; {clipped} began after sample 0; by the agents' estimate of controller time, |error| max {estimated.Select(Math.Abs).DefaultIfEmpty().Max():0.00} ms"));
        var missed = slots.Count - aired;
        var line = FormattableString.Invariant(
            $"RESULT schedule slots={slots.Count} aired={aired} missed={missed} doubled={doubled} start_p99_ms={p99:0.00} agents={devices.Length}");
        return (line, missed == 0 && doubled == 0 ? 0 : 1);
    }

    /// <summary>The nearest-rank quantile of sorted values.</summary>
    private static double Quantile(List<double> sorted, double q) =>
        sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>True when a higher-class slot overlapping this one takes the device (the bench's normal slots then skip).</summary>
    private static bool Preempted(SeedSlot slot, string device, List<SeedSlot> slots) =>
        slots.Any(o => o.Class > slot.Class && o.Devices.Contains(device) && o.Start < slot.End && slot.Start < o.End);

    private static async Task<Dictionary<string, string>> SessionTitlesAsync(LoopbackCluster cluster)
    {
        using var http = new HttpClient { BaseAddress = cluster.HttpUri };
        var list = await http.GetFromJsonAsync<JsonElement>("/api/broadcasts?limit=500");
        return list.EnumerateArray().ToDictionary(b => b.GetProperty("id").GetString()!, b => b.GetProperty("title").GetString()!);
    }

    private static IEnumerable<Take> Takes(ClusterAgent agent, Dictionary<string, string> titles)
    {
        if (!Directory.Exists(agent.OutputDirectory)) yield break;
        foreach (var path in Directory.EnumerateFiles(agent.OutputDirectory, "*.timeline.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            var session = root.GetProperty("session").GetString()!;
            if (!titles.TryGetValue(session, out var title)) continue;
            yield return new Take(agent.Id, title, session, root.GetProperty("position").GetUInt64(), root.GetProperty("deviceUs").GetInt64(),
                root.GetProperty("controllerUs").GetInt64());
        }
    }
}
