using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Scheduling;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Provincial;

/// <summary>
/// The payload of a <c>device-status</c> push: all devices (<c>snapshot</c>), or the online/offline changes of the
/// last seconds in the order they happened (<c>changes</c>; a device that flapped is in it once per change).
/// </summary>
public sealed record DeviceStatusPayload(string Reason, DateTimeOffset At, IReadOnlyList<DeviceStatusEntry> Devices);

/// <param name="ChangedAt">When the device went online or offline (in a push of changes; null in a snapshot).</param>
public sealed record DeviceStatusEntry(
    string DeviceId, string? Name, string? VillageCode, bool Online, DateTimeOffset? LastSeen, string? Firmware, string? Session, bool Revoked,
    DateTimeOffset? ChangedAt = null);

/// <summary>
/// Fills the outbox with what is pushed on a clock: each local day's report (the day before, some minutes after local
/// midnight; made again after a restart if missing, the key keeps it single), device status snapshots every
/// Provincial:DeviceStatus:IntervalMinutes, and devices going online or offline, gathered for ChangeBatchSeconds.
/// </summary>
public sealed partial class ProvincialPublisher(
    ProvincialOutbox outbox,
    IDailyReportSource reports,
    DeviceRegistry registry,
    ITargetDirectory directory,
    IOptions<ProvincialOptions> options,
    TimeProvider time,
    ILogger<ProvincialPublisher> logger) : BackgroundService
{
    private readonly ProvincialOptions _options = options.Value;
    private readonly Dictionary<string, bool> _lastOnline = new(StringComparer.Ordinal);
    private readonly Lock _changes = new();
    private readonly List<(DeviceView Device, DateTimeOffset At)> _pending = [];
    private ITimer? _flushTimer;
    private DateTimeOffset _lastSnapshot = DateTimeOffset.MinValue;

    public static string DailyReportKey(string source, DateOnly day) => $"daily-report:{source}:{day:yyyy-MM-dd}";

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.DeviceStatus.OnChange)
        {
            foreach (var d in registry.List()) _lastOnline[d.Id] = d.Online;
            registry.Changed += OnDeviceChanged;
            var batch = TimeSpan.FromSeconds(Math.Max(1, _options.DeviceStatus.ChangeBatchSeconds));
            _flushTimer = time.CreateTimer(_ => FlushChanges(), null, batch, batch);
        }
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        registry.Changed -= OnDeviceChanged;
        if (_flushTimer is not null) await _flushTimer.DisposeAsync();
        FlushChanges();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await TickAsync(stoppingToken);
                await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogTickFailed(e);
                await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Makes whatever is due now: yesterday's report once past the send time, a snapshot once its interval has passed.</summary>
    internal async Task TickAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var local = BroadcastTimeZone.ToLocal(now);
        if (_options.DailyReport.Enabled && local.TimeOfDay >= TimeSpan.FromMinutes(_options.DailyReport.SendAfterMinutes))
            await EnqueueDailyReportAsync(DateOnly.FromDateTime(local).AddDays(-1), ct);
        if (_options.DeviceStatus.IntervalMinutes > 0 && now - _lastSnapshot >= TimeSpan.FromMinutes(_options.DeviceStatus.IntervalMinutes))
        {
            _lastSnapshot = now;
            var villages = VillagesByDevice();
            var devices = registry.List().Select(d => Entry(d, villages)).ToArray();
            outbox.Enqueue(OutboxKinds.DeviceStatus, $"device-status:{_options.SourceId}:{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}",
                new DeviceStatusPayload("snapshot", now, devices));
        }
    }

    /// <summary>Builds and enqueues the report of <paramref name="day"/> unless the outbox has it; true when added.</summary>
    public async Task<bool> EnqueueDailyReportAsync(DateOnly day, CancellationToken ct)
    {
        var key = DailyReportKey(_options.SourceId, day);
        if (outbox.Find(key) is not null) return false;
        var payload = await reports.BuildAsync(day, ct);
        var added = outbox.Enqueue(OutboxKinds.DailyReport, key, payload);
        if (added) LogDailyReport(day, key);
        return added;
    }

    // Raised on the registry's thread, for every device message: only note the change here.
    private void OnDeviceChanged(DeviceView device)
    {
        lock (_changes)
        {
            if (_lastOnline.TryGetValue(device.Id, out var was) && was == device.Online) return;
            _lastOnline[device.Id] = device.Online;
            _pending.Add((device, time.GetUtcNow()));
        }
    }

    /// <summary>Puts the changes gathered since the last call in the outbox, at most MaxDevicesPerPush per push.</summary>
    internal void FlushChanges()
    {
        (DeviceView Device, DateTimeOffset At)[] changes;
        lock (_changes)
        {
            if (_pending.Count == 0) return;
            changes = [.. _pending];
            _pending.Clear();
        }
        try
        {
            var now = time.GetUtcNow();
            var villages = VillagesByDevice();
            var entries = changes.Select(c => Entry(c.Device, villages) with { ChangedAt = c.At }).ToArray();
            foreach (var part in entries.Chunk(Math.Max(1, _options.DeviceStatus.MaxDevicesPerPush)))
                outbox.Enqueue(OutboxKinds.DeviceStatus, $"device-status:{_options.SourceId}:changes:{Guid.NewGuid():N}",
                    new DeviceStatusPayload("changes", now, part));
        }
        catch (Exception e)
        {
            // On a timer thread: a failing outbox must not end the pushes for good (the changes are in the next snapshot).
            LogTickFailed(e);
        }
    }

    /// <summary>The village of every placed device, read once per push (the directory is a list).</summary>
    private Dictionary<string, string> VillagesByDevice()
    {
        var villages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var placement in directory.Devices)
            if (placement.VillageCode is { } village) villages.TryAdd(placement.DeviceId, village);
        return villages;
    }

    private static DeviceStatusEntry Entry(DeviceView d, Dictionary<string, string> villages) =>
        new(d.Id, d.Name, d.VillageCode ?? villages.GetValueOrDefault(d.Id), d.Online, d.LastSeen, d.Firmware, d.Session, d.Revoked);

    [LoggerMessage(EventId = 9110, Level = LogLevel.Information, Message = "Daily report of {Day} queued for the province ({Key})")]
    private partial void LogDailyReport(DateOnly day, string key);

    [LoggerMessage(EventId = 9111, Level = LogLevel.Error, Message = "Making a provincial push failed; it is tried again")]
    private partial void LogTickFailed(Exception e);
}
