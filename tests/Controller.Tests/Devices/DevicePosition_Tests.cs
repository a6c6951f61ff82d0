using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Devices;

/// <summary>Where a device stands: the latest GPS fix from telemetry, or a technician's surveyed position, which wins.</summary>
public sealed class DevicePosition_Tests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-09-02T09:00:00Z"));

    public void Dispose() => _db.Dispose();

    private DeviceRegistry Open() => new(_db.Database, _time, new CapturingLogger<DeviceRegistry>(), iterations: 1000);

    [Fact]
    public void Gps_from_telemetry_is_kept_when_later_telemetry_has_none_and_a_surveyed_position_wins_across_restarts()
    {
        var registry = Open();
        registry.Register("d1", null);
        Assert.Null(registry.Find("d1")!.Position);

        registry.ApplyTelemetry("d1", new Telemetry { AtUs = 1, Latitude = 21.0285, Longitude = 105.8542 });
        _time.Advance(TimeSpan.FromMinutes(2));
        registry.ApplyTelemetry("d1", new Telemetry { AtUs = 2, Volume = 70 });
        Assert.Equal(new DevicePosition(21.0285, 105.8542, DevicePosition.Gps), registry.Find("d1")!.Position);

        Assert.True(registry.SetSurveyedPosition("d1", 21.1, 105.9));
        Assert.False(registry.SetSurveyedPosition("nobody", 21.1, 105.9));
        Assert.Throws<ArgumentOutOfRangeException>(() => registry.SetSurveyedPosition("d1", 91, 105.9));

        _db.Reopen();
        registry = Open();
        Assert.Equal(new DevicePosition(21.1, 105.9, DevicePosition.Surveyed), registry.Find("d1")!.Position);

        registry.SetSurveyedPosition("d1", null, null);
        _db.Reopen();
        Assert.Equal(new DevicePosition(21.0285, 105.8542, DevicePosition.Gps), Open().Find("d1")!.Position);
    }
}
