using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Runtime;
using InfoRadio.Protocol.Messages;
using static InfoRadio.Controller.Tests.Scheduling.Samples;

namespace InfoRadio.Controller.Tests.Scheduling.Runtime;

/// <summary>
/// Overlapping slots on shared devices: a normal 20 s program A at T on d1–d3, and a second slot at T+5 s on d1
/// only (or d1 and d2). What each device plays, what is withdrawn where, and what the preemption log says.
/// </summary>
[Collection(IcalNetCollection.Name)]
public sealed class Arbitration_Runtime_Tests : IDisposable
{
    private static readonly DateTimeOffset T = Vn(2025, 3, 1, 7);
    private static readonly TimeSpan Announce = SchedulerHarness.Timing.AnnounceLead;
    private readonly SchedulerHarness _h = new(T.AddMinutes(-5), "d1", "d2", "d3");

    public void Dispose() => _h.Dispose();

    private async Task RunAsync(PreemptionPolicy aPolicy, string second, PriorityClass cls, ClashPolicy clash, string[] secondDevices)
    {
        _h.AddProgram("a", 20, preemption: aPolicy);
        _h.AddProgram(second, 5, cls);
        _h.AddOnce("s-a", "a", T, ["d1", "d2", "d3"]);
        _h.AddOnce("s-" + second, second, T.AddSeconds(5), secondDevices, clash);
        await _h.RunUntilAsync(T.AddMinutes(1));
    }

    private static string SlotA => new SlotKey("s-a", T).ToString();

    [Fact]
    public async Task An_emergency_preempts_at_once_on_its_devices_only_and_the_preempted_program_resumes_there()
    {
        await RunAsync(PreemptionPolicy.Resume, "flood", PriorityClass.Emergency, ClashPolicy.Append, ["d1"]);
        var started = _h.Output.Started;
        Assert.Equal(3, started.Count);
        var a = started[0];
        Assert.Equal((SlotA, T, TimeSpan.Zero), (a.Slot, a.SoundStart, a.From));
        Assert.Equal("d1,d2,d3", a.Devices);

        var flood = started[1];
        Assert.Equal((T.AddSeconds(5), "d1"), (flood.SoundStart, flood.Devices));

        // d1 leaves A when the emergency is announced; d2 and d3 keep playing it.
        var cut = T.AddSeconds(5) - Announce;
        var withdrawn = Assert.Single(_h.Output.Withdrawn);
        Assert.Equal((a.Session, "d1", cut), (withdrawn.Session, withdrawn.Devices, withdrawn.At));
        Assert.Empty(_h.Output.Cancelled);

        // After the emergency, d1 gets A again from where it stopped.
        var resumed = started[2];
        Assert.Equal((SlotA, "d1", cut - T), (resumed.Slot, resumed.Devices, resumed.From));
        Assert.True(resumed.SoundStart >= T.AddSeconds(10));

        var entry = Assert.Single(_h.Preemptions.ForDevice("d1"));
        Assert.Equal((SlotA, flood.Slot, VerdictReason.Outranked, SlotRole.Preempted, PreemptionPolicy.Resume, cut - T, true),
            (entry.SlotId, entry.By, entry.Reason, entry.Role, entry.Policy, entry.Position, entry.WasOnAir));
        Assert.Empty(_h.Preemptions.ForDevice("d2"));
    }

    [Fact]
    public async Task A_restarting_program_airs_again_from_the_beginning_after_the_preemption()
    {
        await RunAsync(PreemptionPolicy.Restart, "flood", PriorityClass.Emergency, ClashPolicy.Append, ["d1", "d2"]);
        var resumed = _h.Output.Started[2];
        Assert.Equal((SlotA, "d1,d2", TimeSpan.Zero), (resumed.Slot, resumed.Devices, resumed.From));
        foreach (var d in new[] { "d1", "d2" }) Assert.Equal(PreemptionPolicy.Restart, Assert.Single(_h.Preemptions.ForDevice(d)).Policy);
        Assert.Equal("d1,d2", Assert.Single(_h.Output.Withdrawn).Devices);
    }

    [Fact]
    public async Task A_skipping_program_gives_up_the_devices_it_lost_and_the_skip_is_logged()
    {
        await RunAsync(PreemptionPolicy.Skip, "flood", PriorityClass.Emergency, ClashPolicy.Append, ["d1"]);
        Assert.Equal(2, _h.Output.Started.Count);
        var entry = Assert.Single(_h.Preemptions.ForDevice("d1"));
        Assert.Equal((SlotRole.Skipped, PreemptionPolicy.Skip), (entry.Role, entry.Policy));
    }

    [Fact]
    public async Task An_overriding_equal_takes_the_air_and_the_overridden_one_resumes()
    {
        await RunAsync(PreemptionPolicy.Resume, "notice", PriorityClass.Normal, ClashPolicy.Override, ["d1"]);
        var started = _h.Output.Started;
        Assert.Equal(3, started.Count);
        Assert.Equal((T.AddSeconds(5), "d1"), (started[1].SoundStart, started[1].Devices));
        Assert.Equal((SlotA, "d1"), (started[2].Slot, started[2].Devices));
        var entry = Assert.Single(_h.Preemptions.ForDevice("d1"));
        Assert.Equal((VerdictReason.Overridden, SlotRole.Preempted), (entry.Reason, entry.Role));
    }

    [Fact]
    public async Task An_appended_equal_waits_for_the_holder_to_end_and_then_airs_from_zero_to_the_devices_that_waited()
    {
        await RunAsync(PreemptionPolicy.Resume, "notice", PriorityClass.Normal, ClashPolicy.Append, ["d1", "d2"]);
        var started = _h.Output.Started;
        Assert.Equal(2, started.Count);
        Assert.Empty(_h.Output.Withdrawn);
        var notice = started[1];
        Assert.Equal(("d1,d2", TimeSpan.Zero), (notice.Devices, notice.From));
        Assert.True(notice.SoundStart >= T.AddSeconds(20));
        Assert.True(notice.At >= T.AddSeconds(20));
        // Waiting one's turn is not a preemption.
        Assert.Empty(_h.Preemptions.ForDevice("d1"));
    }

    [Fact]
    public async Task A_preempted_session_with_no_device_left_is_ended()
    {
        await RunAsync(PreemptionPolicy.Resume, "flood", PriorityClass.Emergency, ClashPolicy.Append, ["d1", "d2", "d3"]);
        var cancelled = Assert.Single(_h.Output.Cancelled);
        Assert.Equal(_h.Output.Started[0].Session, cancelled.Session);
        Assert.Empty(_h.Output.Withdrawn);
        Assert.Equal("d1,d2,d3", _h.Output.Started[2].Devices);
    }
}
