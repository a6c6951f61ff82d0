using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Targets;

namespace InfoRadio.Controller.Tests.Targets;

public sealed class ScopedTargets_Tests
{
    /// <summary>
    /// tp1, tp2 in commune 08980 (tp1 also in zone "cho"); hb1 in commune 08983 (in zones "cho" and "song"); loose
    /// unplaced; zone "dinh" holds tp2 only; zone "empty" holds nobody.
    /// </summary>
    private static readonly InMemoryTargetDirectory Directory = new(
    [
        new DevicePlacement("tp1", "0898001", ["all", "cho"]),
        new DevicePlacement("tp2", "0898002", ["all", "dinh"]),
        new DevicePlacement("hb1", "0898301", ["all", "cho", "song"]),
        new DevicePlacement("loose", null, ["all"]),
    ], ["empty"], AreaScope_Tests.Tree);

    private static ScopedTargets For(params string[] areas) =>
        new(AreaScope.Of(areas, Directory), Directory, new TargetResolver(Directory));

    [Fact]
    public void A_limited_user_may_target_their_devices_areas_and_zones_held_entirely()
    {
        var tp = For("08980");
        var set = TargetSet.Of(devices: ["tp1"], zones: ["dinh", "empty"], areas: ["0898002", "08980"]);
        Assert.Equal(set, tp.Check(set));
    }

    [Fact]
    public void Everything_outside_is_named_in_one_refusal()
    {
        var tp = For("08980");
        var e = Assert.Throws<OutsideScopeException>(() =>
            tp.Check(TargetSet.Of(devices: ["tp1", "hb1", "loose"], zones: ["cho", "dinh"], areas: ["08983", "250"])));
        Assert.Equal(["device hb1", "device loose", "zone cho (holds hb1)", "area 08983", "area 250"], e.Outside);
        Assert.Contains("08980", e.Message);
    }

    [Fact]
    public void All_means_all_of_the_users_areas()
    {
        var checkedSet = For("08983").Check(TargetSet.Of(zones: ["all"]));
        Assert.Empty(checkedSet.Zones);
        Assert.Equal(["08983"], checkedSet.Areas);

        var broadcast = For("08983").Check(BroadcastTargets.All);
        Assert.False(broadcast.AllDevices);
        Assert.Equal(["hb1"], broadcast.DeviceIds);
        Assert.Equal(["tp1", "tp2"], For("08980").Check(BroadcastTargets.All).DeviceIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void All_for_areas_without_speakers_reaches_nobody_and_says_so()
    {
        var e = Assert.Throws<SchedulingException>(() => For("0898003").Check(BroadcastTargets.All));
        Assert.Contains("no speaker", e.Message);
    }

    [Fact]
    public void Named_speakers_outside_the_scope_are_refused()
    {
        Assert.Equal(["tp2"], For("08980").Check(BroadcastTargets.Devices(["tp2"])).DeviceIds);
        var e = Assert.Throws<OutsideScopeException>(() => For("08980").Check(BroadcastTargets.Devices(["tp2", "hb1"])));
        Assert.Equal(["device hb1"], e.Outside);
    }

    [Fact]
    public void Unknown_ids_are_left_for_the_resolver_to_report()
    {
        var set = TargetSet.Of(devices: ["ghost"], zones: ["nowhere"], areas: ["77777"]);
        Assert.Equal(set, For("08980").Check(set));
    }

    [Fact]
    public void The_unlimited_scope_passes_everything_through()
    {
        var all = For();
        var set = TargetSet.Of(devices: ["hb1", "loose"], zones: ["all", "cho"], areas: ["01"]);
        Assert.Equal(set, all.Check(set));
        Assert.Same(BroadcastTargets.All, all.Check(BroadcastTargets.All));
        Assert.True(all.SeesAny(["loose"]));
        Assert.True(all.Holds(set));
    }

    [Fact]
    public void A_record_is_seen_when_it_touches_the_scope_and_held_when_it_lies_inside()
    {
        var tp = For("08980");
        Assert.True(tp.SeesAny(["hb1", "tp1"]));
        Assert.False(tp.SeesAny(["hb1", "loose"]));
        Assert.True(tp.HoldsAll(["tp1", "tp2"]));
        Assert.False(tp.HoldsAll(["tp1", "hb1"]));

        // A district's schedule airs in the commune: seen, not the commune's to change.
        Assert.True(tp.Touches(TargetSet.Of(areas: ["250"])));
        Assert.False(tp.Holds(TargetSet.Of(areas: ["250"])));
        Assert.True(tp.Touches(TargetSet.Of(zones: ["cho"])));
        Assert.False(tp.Holds(TargetSet.Of(zones: ["cho"])));
        Assert.False(tp.Touches(TargetSet.Of(zones: ["song"])));
        Assert.False(tp.Touches(TargetSet.Of(devices: ["hb1"], areas: ["08983"])));
        Assert.True(tp.Touches(TargetSet.Of(areas: ["0898001"])));
        Assert.True(tp.Holds(TargetSet.Of(areas: ["0898001"], devices: ["tp2"])));
        // Stored "all" (an unlimited author's) reaches everyone: seen by all, held by none limited.
        Assert.True(tp.Touches(TargetSet.Of(zones: ["all"])));
        Assert.False(tp.Holds(TargetSet.Of(zones: ["all"])));
    }
}
