using InfoRadio.Controller.Alarms;
using InfoRadio.Controller.Tests.Support;

namespace InfoRadio.Controller.Tests.Alarms;

public sealed class AlarmStore_Tests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Alarms_and_rules_survive_closing_and_reopening_the_database()
    {
        var store = new AlarmStore(_db.Database);
        var cleared = new AlarmRecord { DeviceId = "loa-01", Kind = AlarmKinds.MainsLost, RaisedAt = Start, Detail = "mainsLost=true" };
        store.Insert(cleared);
        cleared.ClearedAt = Start.AddMinutes(7);
        cleared.ClearDetail = "mainsLost=false";
        store.Update(cleared);
        var active = new AlarmRecord { DeviceId = "loa-02", Kind = AlarmKinds.OverTemperature, RaisedAt = Start.AddMinutes(1), Detail = "temperatureC=71",
            AcknowledgedAt = Start.AddMinutes(2), AcknowledgedBy = "tech1" };
        store.Insert(active);
        Assert.NotEqual(cleared.Id, active.Id);
        store.SaveRules(new AlarmRules { Offline = new OfflineRule { AfterMinutes = 2.5 }, LowSignal = new SignalRule { Enabled = true } });

        var reopened = new AlarmStore(_db.Reopen());
        var loaded = Assert.Single(reopened.LoadActive());
        Assert.Equal((active.Id, "loa-02", AlarmKinds.OverTemperature, Start.AddMinutes(1), "tech1", Start.AddMinutes(2)),
            (loaded.Id, loaded.DeviceId, loaded.Kind, loaded.RaisedAt, loaded.AcknowledgedBy, loaded.AcknowledgedAt));
        Assert.Null(loaded.ClearedAt);
        var history = Assert.Single(reopened.Query(active: false, deviceId: null, limit: 10));
        Assert.Equal((Start.AddMinutes(7), "mainsLost=false"), (history.ClearedAt, history.ClearDetail));
        Assert.Equal([active.Id, cleared.Id], reopened.Query(null, null, 10).Select(a => a.Id));
        Assert.Equal([cleared.Id], reopened.Query(null, "loa-01", 10).Select(a => a.Id));
        Assert.Single(reopened.Query(null, null, 1));

        var rules = reopened.LoadRules();
        Assert.NotNull(rules);
        Assert.Equal(2.5, rules.Offline.AfterMinutes);
        Assert.True(rules.LowSignal.Enabled);
        Assert.Equal(70, rules.OverTemperature.RaiseAtC);
    }

    [Fact]
    public void Without_saved_rules_the_store_has_none()
    {
        Assert.Null(new AlarmStore(_db.Database).LoadRules());
    }
}
