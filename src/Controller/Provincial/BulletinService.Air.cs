using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Emergency;
using InfoRadio.Controller.Media;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Runtime;
using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.Controller.Speech;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Provincial;

public enum BulletinScheduleOutcome { Done, NotFound, NotQueued, Invalid }

public sealed record BulletinScheduleResult(BulletinScheduleOutcome Outcome, BulletinRecord? Record, string? Detail = null);

public sealed partial class BulletinService
{
    /// <summary>Programs of bulletins rank with the province's origin.</summary>
    public const OriginLevel Origin = OriginLevel.Province;

    /// <summary>A normal bulletin: its sound goes into the media library, the bulletin into the queue. Under the gate.</summary>
    private async Task QueueAsync(BulletinRecord record, byte[]? recording, DecodedAudio sound, CancellationToken ct)
    {
        var media = services.GetService<MediaLibrary>() ?? throw new BulletinAirException("this controller has no media library to keep the bulletin in");
        using var stream = new MemoryStream(recording ?? WavBytes.ToPcm16(sound), writable: false);
        var item = await media.UploadAsync(stream, "bulletin", record.Title, "province:" + record.ReceivedBy, ct);
        record.MediaId = item.Id;
        record.DurationMs = (long)item.Duration.TotalMilliseconds;
        record.State = BulletinState.Queued;
        record.Reason = "waiting for the commune to schedule it";
    }

    /// <summary>A priority bulletin: on air, ranked priority, in the first free slot of its speakers. Under the gate.</summary>
    private void AirInNextSlot(BulletinRecord record, DecodedAudio sound)
    {
        var profile = broadcastOptions.Value.Profiles.Program;
        var now = time.GetUtcNow();
        // Sound cannot start before the start lead and latency of the program profile have passed.
        var earliest = now + TimeSpan.FromMilliseconds(profile.StartLeadMs + profile.LatencyMs);
        var (start, free) = FreeSlotFinder.Find(earliest, sound.Duration, BusyIntervals(record.DeviceIds, now),
            TimeSpan.FromMinutes(_options.Bulletins.PriorityMaxWaitMinutes));
        var epochUs = (start.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10 - profile.LatencyMs * 1000L;
        var view = broadcasts.Start(record.Title, ProgramAudio.InMemory(sound), BroadcastTargets.Devices(record.DeviceIds),
            new ScheduledAir(PriorityClass.Priority, Origin, epochUs));
        record.BroadcastId = view.Id;
        record.AirAt = start;
        record.DurationMs = (long)sound.Duration.TotalMilliseconds;
        record.State = BulletinState.Airing;
        record.Reason = free ? "aired in the first free slot" : $"no free slot within {_options.Bulletins.PriorityMaxWaitMinutes} min: aired over what was on (it outranks it)";
    }

    /// <summary>An emergency bulletin: on air at once through the emergency broadcaster (chime, forced volume, reach). Under the gate.</summary>
    private void AirAtOnce(BulletinRecord record, DecodedAudio sound)
    {
        var emergencies = services.GetService<IEmergencyBroadcaster>() ?? throw new BulletinAirException("no emergency broadcaster is configured in this controller");
        var request = new EmergencyRequest(record.Title, BroadcastTargets.Devices(record.DeviceIds), ProgramAudio.InMemory(sound), Origin,
            _options.Bulletins.EmergencyRepeat, "province:" + record.ReceivedBy)
        {
            TargetNames = record.Targets.Select(t => "area:" + t).ToArray(),
        };
        record.EmergencyId = emergencies.Start(request);
        record.AirAt = time.GetUtcNow();
        record.DurationMs = (long)sound.Duration.TotalMilliseconds;
        record.State = BulletinState.Airing;
        record.Reason = null;
    }

    /// <summary>
    /// Schedules a queued normal bulletin: a program of its media item (class normal, origin province, no approval: the
    /// province issued it) and a one-slot schedule at <paramref name="start"/>, or in the first free slot when null.
    /// </summary>
    public async Task<BulletinScheduleResult> ScheduleAsync(string id, DateTimeOffset? start, string actor, CancellationToken ct)
    {
        var catalog = services.GetService<LiteDbSchedulingCatalog>();
        await _gate.WaitAsync(ct);
        try
        {
            if (store.Find(id) is not { } record) return new(BulletinScheduleOutcome.NotFound, null, $"no bulletin with id '{id}'");
            if (record.State != BulletinState.Queued)
                return new(BulletinScheduleOutcome.NotQueued, record, $"bulletin '{id}' is {record.State.ToString().ToLowerInvariant()}, not queued");
            if (catalog is null) return new(BulletinScheduleOutcome.Invalid, record, "this controller has no scheduling catalog");
            var now = time.GetUtcNow();
            var length = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(record.DurationMs / 1000.0)));
            // Whole seconds, and clear of the scheduler's lead so the slot is taken up on time.
            var earliest = new DateTimeOffset((now + MinScheduleLead).UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond + TimeSpan.TicksPerSecond, TimeSpan.Zero);
            var at = start ?? FreeSlotFinder.Find(earliest, length, BusyIntervals(record.DeviceIds, now), TimeSpan.FromDays(1)).Start;
            if (at < earliest) return new(BulletinScheduleOutcome.Invalid, record, $"'start' must be at least {MinScheduleLead.TotalSeconds:0} s from now");
            var local = BroadcastTimeZone.ToLocal(at);
            local = local.AddTicks(-(local.Ticks % TimeSpan.TicksPerSecond));
            var program = new BroadcastProgram
            {
                Id = "pb-" + Guid.NewGuid().ToString("N")[..16],
                Title = record.Title,
                Content = record.Text is { } text && new TtsBulletinContent(text, RecordedMediaId: record.MediaId).Validate() is null
                    ? new TtsBulletinContent(text, RecordedMediaId: record.MediaId) : new AudioFileContent(record.MediaId!),
                Class = PriorityClass.Normal,
                Origin = Origin,
                Author = actor,
                Duration = length,
            };
            var schedule = new Schedule
            {
                Id = "pbs-" + Guid.NewGuid().ToString("N")[..16],
                ProgramId = program.Id,
                Lines = [new RecurrenceLine(local)],
                Targets = TargetSet.Of(areas: record.Targets.Except(record.UnknownTargets)),
                CreatedAt = now,
            };
            try
            {
                catalog.AddProgram(program);
                catalog.AddSchedule(schedule);
            }
            catch (SchedulingException e)
            {
                catalog.DeleteProgram(program.Id);
                return new(BulletinScheduleOutcome.Invalid, record, e.Message);
            }
            record.ProgramId = program.Id;
            record.ScheduleId = schedule.Id;
            record.ScheduledBy = actor;
            record.AirAt = BroadcastTimeZone.ToInstant(local);
            record.State = BulletinState.Scheduled;
            record.Reason = null;
            store.Update(record);
            LogScheduled(record.Id, actor, record.AirAt.Value, program.Id, schedule.Id);
            return new(BulletinScheduleOutcome.Done, record);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A scheduled start must leave the scheduler this long to take the slot up.</summary>
    public static readonly TimeSpan MinScheduleLead = TimeSpan.FromSeconds(30);

    /// <summary>When the bulletin's speakers are taken: broadcasts on air, the scheduler's sessions, the catalog's coming slots.</summary>
    private List<BusyInterval> BusyIntervals(IReadOnlyCollection<string> deviceIds, DateTimeOffset now)
    {
        var devices = deviceIds.ToHashSet(StringComparer.Ordinal);
        var busy = new List<BusyInterval>();
        foreach (var b in broadcasts.Recent(200).Where(b => b.State is BroadcastState.Pending or BroadcastState.Playing))
        {
            if (!b.Devices.Any(d => devices.Contains(d.Id) && d.Status is DeliveryStatus.Pending or DeliveryStatus.Playing)) continue;
            var from = b.StartedAt ?? b.CreatedAt;
            // A live session has no known end: it is busy as far as the finder looks.
            var end = b.DurationMs > 0 ? from + TimeSpan.FromMilliseconds(b.DurationMs) + TimeSpan.FromSeconds(3) : DateTimeOffset.MaxValue;
            busy.Add(new BusyInterval(from, end));
        }
        // Priority bulletins announced for a later slot: their broadcast exists already, but sounds only then.
        busy.AddRange(store.InState(BulletinState.Airing)
            .Where(b => b.AirAt is { } at && b.EmergencyId is null && at + TimeSpan.FromMilliseconds(b.DurationMs) > now && b.DeviceIds.Any(devices.Contains))
            .Select(b => new BusyInterval(b.AirAt!.Value, b.AirAt.Value + TimeSpan.FromMilliseconds(b.DurationMs))));
        if (services.GetService<SchedulerService>() is { } scheduler)
            busy.AddRange(scheduler.Segments.Where(s => s.Devices.Overlaps(devices)).Select(s => new BusyInterval(s.SoundStart, s.SoundEnd)));
        if (services.GetService<ISchedulingCatalog>() is { } catalog)
        {
            var resolver = new TargetResolver(directory);
            var horizon = TimeSpan.FromDays(1);
            foreach (var (slot, schedule) in new SlotBuffer(catalog, horizon).Slots(now, now + horizon, []))
                if (resolver.Resolve(schedule.Targets).DeviceIds.Any(devices.Contains))
                    busy.Add(new BusyInterval(slot.Start, slot.End));
        }
        return busy;
    }
}
