using InfoRadio.Controller.Scheduling;
using InfoRadio.Protocol.Messages;
using static InfoRadio.Controller.Tests.Scheduling.Samples;

namespace InfoRadio.Controller.Tests.Scheduling.Runtime;

/// <summary>
/// Three busy days of a commune calendar through the whole runtime, with the controller restarting every few hours
/// (down for minutes each time, within the grace window): every slot is claimed exactly once, started exactly once
/// from its beginning, none is missed, and clashing slots on a device never sound at once.
/// </summary>
[Collection(IcalNetCollection.Name)]
public sealed class SchedulerService_BusyDays_Tests : IDisposable
{
    private static readonly DateTimeOffset Day1 = Vn(2025, 3, 1);
    private readonly SchedulerHarness _h = new(Day1.AddMinutes(-1), "d1", "d2", "d3", "d4");

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Every_slot_airs_exactly_once_through_restarts()
    {
        string[][] targets = [["d1", "d2", "d3", "d4"], ["d1", "d2"], ["d3", "d4"], ["d2", "d3"]];
        for (var i = 0; i < 20; i++)
        {
            var cls = i % 7 == 6 ? PriorityClass.Priority : PriorityClass.Normal;
            _h.AddProgram($"p{i}", 5 + i % 4 * 5, cls);
            // Two programs share each time of day, so every slot clashes with another somewhere.
            var time = new TimeOnly(5 + i / 2, 0);
            _h.Catalog.Put(Schedule($"s{i}", $"p{i}", ScheduleRules.Daily(new DateOnly(2025, 3, 1), [time, time.AddMinutes(30 + i)]),
                TargetSet.Of(devices: targets[i % targets.Length]), createdAt: NewYear));
        }

        var started = new List<(string Session, string Slot, TimeSpan From, DateTimeOffset SoundStart, string Devices, DateTimeOffset SoundEnd)>();
        var withdrawn = new Dictionary<(string Session, string Device), DateTimeOffset>();
        var lifetime = 0;
        void Collect()
        {
            lifetime++;
            started.AddRange(_h.Output.Started.Select(s => ($"{lifetime}:{s.Session}", s.Slot, s.From, s.SoundStart, s.Devices, s.SoundEnd)));
            foreach (var w in _h.Output.Withdrawn) foreach (var d in w.Devices.Split(',')) withdrawn[($"{lifetime}:{w.Session}", d)] = w.At;
            foreach (var c in _h.Output.Cancelled)
                foreach (var d in _h.Output.Started.Single(s => s.Session == c.Session).Devices.Split(',')) withdrawn.TryAdd(($"{lifetime}:{c.Session}", d), c.At);
        }
        var end = Day1.AddDays(3);
        for (var down = Day1.AddHours(5).AddMinutes(29); down < end; down = down.AddHours(7).AddMinutes(13))
        {
            await _h.RunUntilAsync(down);
            Collect();
            _h.Restart(down.AddMinutes(4));
        }
        await _h.RunUntilAsync(end);
        Collect();

        var records = _h.Ledger.Between(Day1, end);
        Assert.Equal(20 * 2 * 3, records.Count);
        Assert.All(records, r => Assert.True(r.Aired, $"{r.Key} {r.Outcome}: {r.Detail}"));
        Assert.Contains(records, r => r.Outcome == AirOutcome.Late);
        // Each slot's first session starts from its beginning; a device gets a slot again only after it was taken off
        // an earlier session of it (preempted: it resumes or restarts).
        Assert.NotEmpty(withdrawn);
        foreach (var record in records)
        {
            var mine = started.Where(s => s.Slot == record.Key.ToString()).ToList();
            Assert.NotEmpty(mine);
            Assert.Equal(TimeSpan.Zero, mine[0].From);
            foreach (var device in mine.SelectMany(s => s.Devices.Split(',')).Distinct())
            {
                var sessions = mine.Where(s => s.Devices.Split(',').Contains(device)).ToList();
                Assert.All(sessions.SkipLast(1), s => Assert.True(withdrawn.ContainsKey((s.Session, device))));
            }
        }
        // What each device sounds never overlaps: a session sounds from its start to its end, or until it was taken off.
        foreach (var device in new[] { "d1", "d2", "d3", "d4" })
        {
            var spans = started.Where(s => s.Devices.Split(',').Contains(device))
                .Select(s => (From: s.SoundStart, To: withdrawn.TryGetValue((s.Session, device), out var off) && off < s.SoundEnd ? off : s.SoundEnd))
                .Where(s => s.To > s.From).OrderBy(s => s.From).ToList();
            for (var i = 1; i < spans.Count; i++) Assert.True(spans[i].From >= spans[i - 1].To, $"{device}: {spans[i - 1]} overlaps {spans[i]}");
        }
    }
}
