using InfoRadio.Controller.Alarms;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Emergency;
using InfoRadio.Controller.Reports;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.Controller.Targets;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Reports;

/// <summary>
/// A controller's reporting side on a real LiteDB file with the clock in the test's hands: the real registry, target
/// directory, stores and the two recorders, fed the way the MQTT link feeds them (reported state, play events).
/// </summary>
public sealed class ReportsWorld : IDisposable
{
    /// <summary>Local midnight starting 1 December 2026 in Vietnam (UTC+7).</summary>
    public static readonly DateTimeOffset Midnight = new(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(7));

    public static readonly AdministrativeArea[] Tree =
    [
        new("45", "Quảng Trị", AdministrativeLevel.Province),
        new("464", "Hải Lăng", AdministrativeLevel.District, "45"),
        new("19501", "Xã Hải An", AdministrativeLevel.Commune, "464"),
        new("19504", "Xã Hải Khê", AdministrativeLevel.Commune, "464"),
        new("1950101", "Thôn 1", AdministrativeLevel.Village, "19501"),
        new("1950102", "Thôn 2", AdministrativeLevel.Village, "19501"),
        new("1950103", "Thôn 3", AdministrativeLevel.Village, "19501"),
        new("1950401", "Thôn Tân", AdministrativeLevel.Village, "19504"),
    ];

    private readonly TestDatabase _db = new();

    public ReportsWorld()
    {
        Time = new FakeTimeProvider(Midnight);
        Registry = new DeviceRegistry(_db.Database, Time, NullLogger<DeviceRegistry>.Instance, iterations: 1000);
        Directory = new TargetDirectory(_db.Database, Registry, NullLogger<TargetDirectory>.Instance);
        Directory.ImportAreas(Tree);
        Broadcasts = new BroadcastStore(_db.Database);
        Alarms = new AlarmStore(_db.Database);
        Emergencies = new EmergencyStore(_db.Database);
        Ledger = new LiteDbAirLedger(_db.Database);
        Plays = new PlayLogStore(_db.Database);
        Online = new OnlineHistoryStore(_db.Database);
        PlayRecorder = new PlayLogRecorder(Plays, Broadcasts, Registry, Time, NullLogger<PlayLogRecorder>.Instance);
        OnlineRecorder = new OnlineHistoryRecorder(Online, Registry, Time, NullLogger<OnlineHistoryRecorder>.Instance);
        OnlineRecorder.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        Service = new ReportService(Registry, Directory, Plays, Online, Alarms, Emergencies, Ledger, Broadcasts, PlayRecorder, OnlineRecorder,
            Options.Create(new ReportsOptions()), Time);
    }

    public FakeTimeProvider Time { get; }
    public DeviceRegistry Registry { get; }
    public TargetDirectory Directory { get; }
    public BroadcastStore Broadcasts { get; }
    public AlarmStore Alarms { get; }
    public EmergencyStore Emergencies { get; }
    public LiteDbAirLedger Ledger { get; }
    public PlayLogStore Plays { get; }
    public OnlineHistoryStore Online { get; }
    public PlayLogRecorder PlayRecorder { get; }
    public OnlineHistoryRecorder OnlineRecorder { get; }
    public ReportService Service { get; }

    public void Dispose()
    {
        OnlineRecorder.Dispose();
        PlayRecorder.Dispose();
        _db.Dispose();
    }

    /// <summary>Local time of day on 1 December (hours may exceed 24 for the next day).</summary>
    public static DateTimeOffset At(double hours) => Midnight.AddHours(hours);

    public static DateTimeOffset At(int hours, int minutes, int seconds = 0) => Midnight.AddHours(hours).AddMinutes(minutes).AddSeconds(seconds);

    /// <summary>Moves the clock forward to <paramref name="instant"/> (never back), firing due timers (the coalesced writes).</summary>
    public void AdvanceTo(DateTimeOffset instant)
    {
        var now = Time.GetUtcNow();
        if (instant < now) throw new InvalidOperationException($"the simulated day runs forward: {instant} is before {now}");
        Time.Advance(instant - now);
    }

    public void AddDevice(string id, string village)
    {
        Registry.Register(id, "Cụm loa " + id);
        Assert.True(Directory.Place(id, village, []));
    }

    public void Presence(string id, bool online) => Registry.ApplyReportedState(id, new ReportedState { Online = online, AtUs = NowUs() });

    public void Event(string device, DeviceEventType type, string session, string? reason = null, long? underruns = null, string? id = null) =>
        PlayRecorder.OnDeviceEvent(device, new DeviceEvent
        {
            Id = id ?? Guid.NewGuid().ToString("N"), Type = type, AtUs = NowUs(), Session = session, Reason = reason, Underruns = underruns,
        });

    public void Broadcast(string id, string title, string profile, IEnumerable<string> devices, BroadcastSource? source = null) =>
        Broadcasts.Insert(new BroadcastRecord
        {
            Id = id, Title = title, Profile = profile, State = BroadcastState.Finished, CreatedAt = Time.GetUtcNow(),
            Devices = devices.Select(d => new DeviceDelivery { DeviceId = d }).ToList(), Source = source,
        });

    public long NowUs() => Time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
}
