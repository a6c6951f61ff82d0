using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.Controller.Targets;
using InfoRadio.Controller.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Targets;

/// <summary>Zones, the administrative tree and device placement on a real LiteDB file, resolved as the scheduler does.</summary>
public sealed class TargetDirectory_Tests : IDisposable
{
    private readonly TestDatabase _db = new();
    private DeviceRegistry _registry = null!;
    private TargetDirectory _directory = null!;

    public TargetDirectory_Tests() => Open();

    public void Dispose() => _db.Dispose();

    private void Open()
    {
        _registry = new DeviceRegistry(_db.Database, new FakeTimeProvider(), new CapturingLogger<DeviceRegistry>(), iterations: 1000);
        _directory = new TargetDirectory(_db.Database, _registry, new CapturingLogger<TargetDirectory>());
    }

    private void Reopen()
    {
        _db.Reopen();
        Open();
    }

    private static readonly AdministrativeArea[] Tree =
    [
        new("45", "Quảng Trị", AdministrativeLevel.Province),
        new("464", "Hải Lăng", AdministrativeLevel.District, "45"),
        new("19501", "Xã Hải An", AdministrativeLevel.Commune, "464"),
        new("19504", "Xã Hải Khê", AdministrativeLevel.Commune, "45"),
        new("1950101", "Thôn 1", AdministrativeLevel.Village, "19501"),
        new("1950401", "Thôn Tân", AdministrativeLevel.Village, "19504"),
    ];

    [Fact]
    public void Placements_zones_and_areas_survive_a_restart_and_resolve_targets()
    {
        // Children before parents: the batch is checked as a whole.
        Assert.Equal(6, _directory.ImportAreas(Tree.Reverse().ToArray()));
        _directory.PutZone(new Zone("cho", "Chợ"));
        _registry.Register("d1", null);
        _registry.Register("d2", null);
        _registry.Register("d3", null);
        Assert.True(_directory.Place("d1", "1950101", ["cho"]));
        Assert.True(_directory.Place("d2", "1950401", []));

        Reopen();

        var resolver = new TargetResolver(_directory);
        Assert.Equal(["d1", "d2"], resolver.Resolve(TargetSet.Of(areas: ["45"])).DeviceIds);
        Assert.Equal(["d1"], resolver.Resolve(TargetSet.Of(areas: ["464"])).DeviceIds);
        Assert.Equal(["d1"], resolver.Resolve(TargetSet.Of(zones: ["cho"])).DeviceIds);
        Assert.Equal(["d1", "d2", "d3"], resolver.Resolve(TargetSet.Of(zones: [TargetDirectory.AllZone])).DeviceIds);
        Assert.Equal([TargetRef.Zone("ghost"), TargetRef.Area("99")], resolver.Resolve(TargetSet.Of(zones: ["ghost"], areas: ["99"])).Unknown);
        Assert.Equal("Chợ", _directory.FindZone("cho")!.Name);
    }

    [Fact]
    public void A_bad_import_changes_nothing()
    {
        _directory.ImportAreas(Tree);
        var before = _directory.Areas();
        Assert.Throws<SchedulingException>(() => _directory.ImportAreas([new("1950102", "Thôn 2", AdministrativeLevel.Village, "45")]));
        Assert.Throws<SchedulingException>(() => _directory.ImportAreas([new("88", "X", AdministrativeLevel.Province), new("1950102", "T", AdministrativeLevel.Village, "77")]));
        // Turning a commune into a village would leave its village under a village.
        Assert.Throws<SchedulingException>(() => _directory.ImportAreas([new("19501", "Xã Hải An", AdministrativeLevel.Village, "19504")]));
        Assert.Equal(before, _directory.Areas());
        Reopen();
        Assert.Equal(before, _directory.Areas());
    }

    [Fact]
    public void Placement_and_zone_deletion_are_checked()
    {
        _directory.ImportAreas(Tree);
        _directory.PutZone(new Zone("cho", "Chợ"));
        _registry.Register("d1", null);
        Assert.Throws<SchedulingException>(() => _directory.Place("d1", "19501", []));
        Assert.Throws<SchedulingException>(() => _directory.Place("d1", "00000", []));
        Assert.Throws<SchedulingException>(() => _directory.Place("d1", null, ["ghost"]));
        Assert.Throws<SchedulingException>(() => _directory.Place("d1", null, [TargetDirectory.AllZone]));
        Assert.False(_directory.Place("nobody", null, []));

        _directory.Place("d1", null, ["cho"]);
        Assert.Throws<CatalogConflictException>(() => _directory.DeleteZone("cho", []));
        _directory.Place("d1", null, []);
        var schedule = new Schedule { Id = "s", ProgramId = "p", Lines = ScheduleRules.Once(new DateTime(2030, 1, 1, 6, 0, 0)), Targets = TargetSet.Of(zones: ["cho"]), CreatedAt = DateTimeOffset.UnixEpoch };
        Assert.Throws<CatalogConflictException>(() => _directory.DeleteZone("cho", [schedule]));
        Assert.True(_directory.DeleteZone("cho", []));
        Assert.False(_directory.DeleteZone("cho", []));
    }
}
