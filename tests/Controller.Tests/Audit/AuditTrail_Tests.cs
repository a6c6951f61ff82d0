using InfoRadio.Controller.Audit;
using InfoRadio.Controller.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Audit;

public sealed class AuditTrail_Tests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Entries_survive_a_restart_and_come_back_newest_first()
    {
        var audit = new AuditTrail(_db.Database, _time, NullLogger<AuditTrail>.Instance);
        audit.Record("tech1", "device.approve", "loa-01", true, "village 01234");
        _time.Advance(TimeSpan.FromMinutes(1));
        audit.Record("tech2", "device.revoke", "loa-02", false, "not registered");

        var reopened = new AuditTrail(_db.Reopen(), _time, NullLogger<AuditTrail>.Instance);
        var all = reopened.Query(new AuditQuery());
        Assert.Equal(["device.revoke", "device.approve"], all.Select(e => e.Action));
        Assert.False(all[0].Succeeded);
        Assert.Equal(_time.GetUtcNow(), all[0].At);
        Assert.Equal("village 01234", all[1].Detail);
    }

    [Fact]
    public void A_query_filters_by_actor_target_and_time_and_honours_the_limit()
    {
        var audit = new AuditTrail(_db.Database, _time, NullLogger<AuditTrail>.Instance);
        var start = _time.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            audit.Record(i % 2 == 0 ? "tech1" : "tech2", "device.command", $"loa-{i}", true);
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(3, audit.Query(new AuditQuery(Actor: "tech1")).Count);
        Assert.Equal("loa-3", Assert.Single(audit.Query(new AuditQuery(Target: "loa-3"))).Target);
        Assert.Equal(["loa-4", "loa-3"], audit.Query(new AuditQuery(Since: start.AddSeconds(30))).Select(e => e.Target));
        Assert.Equal(2, audit.Query(new AuditQuery(Limit: 2)).Count);
    }

    [Fact]
    public void A_long_detail_is_cut_to_the_limit()
    {
        var audit = new AuditTrail(_db.Database, _time, NullLogger<AuditTrail>.Instance);
        var entry = audit.Record("tech1", "device.import", "devices.csv", true, new string('x', 5000));
        Assert.Equal(AuditTrail.MaxDetailLength, entry.Detail!.Length);
    }

    public void Dispose() => _db.Dispose();
}
