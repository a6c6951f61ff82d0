using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Targets;

namespace InfoRadio.Controller.Tests.Targets;

public sealed class AreaScope_Tests
{
    /// <summary>Province 01 → district 250 → communes 08980 (villages 0898001, 0898002) and 08983 (village 0898301).</summary>
    internal static readonly AdministrativeArea[] Tree =
    [
        new("01", "Hà Nội", AdministrativeLevel.Province),
        new("250", "Mê Linh", AdministrativeLevel.District, "01"),
        new("08980", "Tiền Phong", AdministrativeLevel.Commune, "250"),
        new("0898001", "Thôn Đông", AdministrativeLevel.Village, "08980"),
        new("0898002", "Thôn Tây", AdministrativeLevel.Village, "08980"),
        new("08983", "Hòa Bình", AdministrativeLevel.Commune, "250"),
        new("0898301", "Thôn Bắc", AdministrativeLevel.Village, "08983"),
    ];

    private static AdministrativeArea? Find(string code) => Tree.FirstOrDefault(a => a.Code == code);

    [Fact]
    public void A_commune_scope_covers_the_commune_and_its_villages_only()
    {
        var scope = AreaScope.Of(["08980"], Find);
        Assert.False(scope.IsUnlimited);
        Assert.True(scope.Covers("08980"));
        Assert.True(scope.Covers("0898001"));
        Assert.True(scope.Covers("0898002"));
        Assert.False(scope.Covers("08983"));
        Assert.False(scope.Covers("0898301"));
        // The district and province above reach other communes: not covered.
        Assert.False(scope.Covers("250"));
        Assert.False(scope.Covers("01"));
        Assert.False(scope.Covers("99999"));
        Assert.False(scope.Covers(null));
    }

    [Fact]
    public void A_district_scope_covers_both_communes_below_it()
    {
        var scope = AreaScope.Of(["250"], Find);
        Assert.True(scope.Covers("0898001"));
        Assert.True(scope.Covers("0898301"));
        Assert.True(scope.Covers("08983"));
        Assert.False(scope.Covers("01"));
    }

    [Fact]
    public void Several_areas_cover_their_union()
    {
        var scope = AreaScope.Of(["0898002", "08983"], Find);
        Assert.True(scope.Covers("0898002"));
        Assert.True(scope.Covers("0898301"));
        Assert.False(scope.Covers("0898001"));
        Assert.False(scope.Covers("08980"));
        Assert.Equal(["0898002", "08983"], scope.AreaCodes);
    }

    [Fact]
    public void Devices_are_covered_by_their_village_and_an_unplaced_one_only_by_the_unlimited_scope()
    {
        var scope = AreaScope.Of(["08980"], Find);
        Assert.True(scope.CoversDevice(new DevicePlacement("a", "0898001", ["all"])));
        Assert.False(scope.CoversDevice(new DevicePlacement("b", "0898301", ["all"])));
        Assert.False(scope.CoversDevice(new DevicePlacement("c", null, ["all"])));
        Assert.True(AreaScope.Unlimited.CoversDevice(new DevicePlacement("c", null, ["all"])));
        Assert.True(AreaScope.Unlimited.CoversDevice(new DevicePlacement("b", "0898301", ["all"])));
    }

    [Fact]
    public void No_areas_is_the_unlimited_scope()
    {
        var scope = AreaScope.Of([], Find);
        Assert.Same(AreaScope.Unlimited, scope);
        Assert.True(scope.IsUnlimited);
        Assert.True(scope.Covers("01"));
        Assert.True(scope.Covers("unknown"));
        Assert.Empty(scope.AreaCodes);
        Assert.Same(AreaScope.Unlimited, AreaScope.Of(["", "  "], Find));
    }

    [Fact]
    public void An_area_imported_after_the_scope_was_built_is_covered()
    {
        var areas = Tree.ToList();
        var scope = AreaScope.Of(["08983"], code => areas.FirstOrDefault(a => a.Code == code));
        areas.Add(new AdministrativeArea("0898302", "Thôn Nam mới", AdministrativeLevel.Village, "08983"));
        Assert.True(scope.Covers("0898302"));
    }

    [Fact]
    public void A_parent_cycle_in_a_corrupt_tree_ends_as_not_covered()
    {
        AdministrativeArea[] cyclic = [new("1", "a", AdministrativeLevel.Commune, "2"), new("2", "b", AdministrativeLevel.District, "1")];
        var scope = AreaScope.Of(["9"], code => cyclic.FirstOrDefault(a => a.Code == code));
        Assert.False(scope.Covers("1"));
    }

    [Fact]
    public void The_areas_above_a_scope_are_its_ancestors_and_nothing_else()
    {
        var scope = AreaScope.Of(["08980"], Find);
        Assert.True(scope.IsAncestorOfScope("250"));
        Assert.True(scope.IsAncestorOfScope("01"));
        Assert.False(scope.IsAncestorOfScope("08980"));
        Assert.False(scope.IsAncestorOfScope("08983"));
        Assert.False(AreaScope.Unlimited.IsAncestorOfScope("01"));
    }
}
