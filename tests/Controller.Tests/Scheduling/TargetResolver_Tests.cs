using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Tests.Scheduling;

public sealed class TargetResolver_Tests
{
    /// <summary>
    /// Province 01 › district 001 › commune 00004 › villages v1, v2; commune 00006 › village v3; and a province 02
    /// with no district level › commune 00100 › village v9 (the tree after the district level was abolished).
    /// </summary>
    internal static InMemoryTargetDirectory Directory() => new(
        [
            new DevicePlacement("spk-1", "v1", ["market", "school"]),
            new DevicePlacement("spk-2", "v1", ["market"]),
            new DevicePlacement("spk-3", "v2", []),
            new DevicePlacement("spk-4", "v3", ["school"]),
            new DevicePlacement("spk-9", "v9", []),
            new DevicePlacement("spk-x", null, ["market"]),
        ],
        ["market", "school", "empty-zone"],
        [
            new AdministrativeArea("01", "Hà Nội", AdministrativeLevel.Province),
            new AdministrativeArea("001", "Ba Đình", AdministrativeLevel.District, "01"),
            new AdministrativeArea("00004", "Phúc Xá", AdministrativeLevel.Commune, "001"),
            new AdministrativeArea("00006", "Trúc Bạch", AdministrativeLevel.Commune, "001"),
            new AdministrativeArea("v1", "Thôn Đông", AdministrativeLevel.Village, "00004"),
            new AdministrativeArea("v2", "Thôn Tây", AdministrativeLevel.Village, "00004"),
            new AdministrativeArea("v3", "Thôn Bắc", AdministrativeLevel.Village, "00006"),
            new AdministrativeArea("02", "Hà Giang", AdministrativeLevel.Province),
            new AdministrativeArea("00100", "Xã Mới", AdministrativeLevel.Commune, "02"),
            new AdministrativeArea("v9", "Thôn Chín", AdministrativeLevel.Village, "00100"),
        ]);

    private static readonly TargetResolver Resolver = new(Directory());

    [Theory]
    [InlineData("01", "spk-1,spk-2,spk-3,spk-4")]
    [InlineData("001", "spk-1,spk-2,spk-3,spk-4")]
    [InlineData("00004", "spk-1,spk-2,spk-3")]
    [InlineData("00006", "spk-4")]
    [InlineData("v2", "spk-3")]
    [InlineData("02", "spk-9")]
    [InlineData("00100", "spk-9")]
    public void An_area_code_at_any_level_reaches_every_device_below_it(string code, string devices) =>
        Assert.Equal(devices.Split(','), Resolver.Resolve(TargetSet.Of(areas: [code])).DeviceIds);

    [Fact]
    public void Zones_may_overlap_and_a_device_is_listed_once()
    {
        var r = Resolver.Resolve(TargetSet.Of(zones: ["market", "school"]));
        Assert.Equal(["spk-1", "spk-2", "spk-4", "spk-x"], r.DeviceIds);
        Assert.Equal(["spk-1", "spk-2", "spk-x"], r.ByTarget[TargetRef.Zone("market")]);
        Assert.Equal(["spk-1", "spk-4"], r.ByTarget[TargetRef.Zone("school")]);
        Assert.True(r.IsComplete);
    }

    [Fact]
    public void Devices_zones_and_areas_combine()
    {
        var r = Resolver.Resolve(TargetSet.Of(devices: ["spk-9"], zones: ["school"], areas: ["v2"]));
        Assert.Equal(["spk-1", "spk-3", "spk-4", "spk-9"], r.DeviceIds);
        Assert.Equal(3, r.ByTarget.Count);
    }

    [Fact]
    public void Unknown_names_are_reported_not_ignored()
    {
        var r = Resolver.Resolve(TargetSet.Of(devices: ["spk-1", "ghost"], zones: ["nowhere"], areas: ["99"]));
        Assert.Equal(["spk-1"], r.DeviceIds);
        Assert.False(r.IsComplete);
        Assert.Equal([TargetRef.Device("ghost"), TargetRef.Zone("nowhere"), TargetRef.Area("99")], r.Unknown);
    }

    [Fact]
    public void An_existing_empty_zone_reaches_nobody_and_is_not_an_error()
    {
        var r = Resolver.Resolve(TargetSet.Of(zones: ["empty-zone"]));
        Assert.Empty(r.DeviceIds);
        Assert.True(r.IsComplete);
    }

    [Fact]
    public void A_parent_cycle_in_bad_data_does_not_hang()
    {
        var dir = new InMemoryTargetDirectory(
            [new DevicePlacement("d", "a", [])], [],
            [new AdministrativeArea("a", "A", AdministrativeLevel.Village, "b"), new AdministrativeArea("b", "B", AdministrativeLevel.Commune, "a")]);
        Assert.Equal(["d"], new TargetResolver(dir).Resolve(TargetSet.Of(areas: ["b"])).DeviceIds);
    }

    [Fact]
    public void Target_sets_are_normalised_and_validated()
    {
        var t = TargetSet.Of(devices: ["b", "a", "b"]);
        Assert.Equal(["a", "b"], t.Devices);
        Assert.Equal(TargetSet.Of(devices: ["a", "b"]), t);
        Assert.NotNull(new TargetSet().Validate());
        Assert.Contains("device id", TargetSet.Of(devices: ["Bad Id"]).Validate());
        Assert.Contains("area code", TargetSet.Of(areas: ["01/02"]).Validate());
        Assert.Null(TargetSet.Of(areas: ["00004"]).Validate());
    }
}
