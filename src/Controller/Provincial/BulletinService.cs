using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Scheduling;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Provincial;

public enum BulletinOutcome { Accepted, Duplicate, Invalid }

public sealed record BulletinIngestResult(BulletinOutcome Outcome, BulletinRecord? Record, IReadOnlyList<string> Errors);

/// <summary>
/// Takes bulletins from the province in and sees each through: validated, deduplicated by the province's id, given its
/// sound (its recording fetched or decoded, or its text spoken), then by priority — normal: into the media library and
/// the queue for a broadcaster to schedule; priority: on air in the first free slot of its speakers; emergency: on air
/// at once through the emergency broadcaster. When it has played (or could not), a confirmation goes into the outbox.
/// Thread-safe: changes to one bulletin are serialized by one gate (bulletins are few).
/// </summary>
public sealed partial class BulletinService(
    BulletinStore store,
    ProvincialOutbox outbox,
    BulletinAudio audio,
    BroadcastService broadcasts,
    ITargetDirectory directory,
    IServiceProvider services,
    IOptions<ProvincialOptions> options,
    IOptions<BroadcastOptions> broadcastOptions,
    TimeProvider time,
    ILogger<BulletinService> logger) : BackgroundService
{
    /// <summary>How often bulletins on air are checked for their end (and scheduled ones for their sessions).</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly ProvincialOptions _options = options.Value;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<BulletinIngestResult> IngestAsync(BulletinBody? body, string receivedBy, CancellationToken ct)
    {
        var (intake, errors) = BulletinValidator.Validate(body, _options);
        IReadOnlyList<string> deviceIds = [], unknownAreas = [];
        DecodedAudio? inline = null;
        if (intake is not null && Check(intake, out deviceIds, out unknownAreas, out inline) is { } problem) errors = [problem];
        if (intake is null || errors.Count > 0)
        {
            ProvincialCounters.BulletinsRefused.Add(1);
            LogRefused(receivedBy, errors.Count, errors[0]);
            return new BulletinIngestResult(BulletinOutcome.Invalid, null, errors);
        }
        BulletinRecord record;
        await _gate.WaitAsync(ct);
        try
        {
            if (store.Find(intake.Id) is { } existing)
            {
                ProvincialCounters.BulletinsDuplicate.Add(1);
                LogDuplicate(intake.Id, receivedBy);
                return new BulletinIngestResult(BulletinOutcome.Duplicate, existing, []);
            }
            record = new BulletinRecord
            {
                Id = intake.Id, Title = intake.Title, Priority = intake.Priority, Text = intake.Text, AudioUrl = intake.AudioUrl,
                InlineAudio = intake.InlineAudio is not null, Voice = intake.Voice?.ToString().ToLowerInvariant(), ExpiresAt = intake.ExpiresAt,
                Targets = [.. intake.Targets], UnknownTargets = [.. unknownAreas], DeviceIds = [.. deviceIds],
                ReceivedBy = receivedBy, ReceivedAt = time.GetUtcNow(), State = BulletinState.Received,
            };
            // The bytes first: a restart between the two finds the bulletin with its audio.
            if (intake.InlineAudio is { } bytes) store.SaveAudio(record.Id, bytes);
            store.TryInsert(record);
        }
        finally
        {
            _gate.Release();
        }
        ProvincialCounters.BulletinsAccepted.Add(1, new KeyValuePair<string, object?>("priority", record.Priority.ToString()));
        LogAccepted(record.Id, record.Priority, record.DeviceIds.Count, receivedBy);
        // Not tied to the request: a province that hangs up must not leave a bulletin half prepared.
        record = await PrepareAsync(record, inline, CancellationToken.None);
        return new BulletinIngestResult(BulletinOutcome.Accepted, record, []);
    }

    public BulletinRecord? Find(string id) => store.Find(id);

    public IReadOnlyList<BulletinRecord> Recent(BulletinState? state, int limit) => store.Recent(state, limit);

    /// <summary>What the service checks beyond the validator: the areas hold speakers here, inline audio decodes, not expired.</summary>
    private string? Check(BulletinIntake intake, out IReadOnlyList<string> deviceIds, out IReadOnlyList<string> unknown, out DecodedAudio? decoded)
    {
        decoded = null;
        var resolution = new TargetResolver(directory).Resolve(TargetSet.Of(areas: intake.Targets));
        deviceIds = resolution.DeviceIds;
        unknown = resolution.Unknown.Select(u => u.Id).ToArray();
        if (deviceIds.Count == 0)
            return $"none of the target areas ({string.Join(", ", intake.Targets.Take(5))}) holds a speaker of this installation";
        if (intake.ExpiresAt is { } expires && expires <= time.GetUtcNow()) return $"'expiresAt' ({expires:O}) is already past";
        if (intake.InlineAudio is { } bytes)
        {
            try
            {
                decoded = audio.Decode(bytes);
            }
            catch (BulletinAirException e)
            {
                return "'audio.base64' " + e.Message;
            }
        }
        return null;
    }

    /// <summary>Runs the bulletin's next step and stores it; failures end it as failed, confirmed to the province.</summary>
    private async Task<BulletinRecord> PrepareAsync(BulletinRecord record, DecodedAudio? decoded, CancellationToken ct)
    {
        try
        {
            // The recording is fetched once: decoded here, and kept as it came for a normal bulletin's media item.
            var bytes = await audio.BytesAsync(record, ct);
            var sound = decoded ?? (bytes is not null ? audio.Decode(bytes) : await audio.SpeakAsync(record, ct));
            await _gate.WaitAsync(ct);
            try
            {
                switch (record.Priority)
                {
                    case BulletinPriority.Normal:
                        await QueueAsync(record, bytes, sound, ct);
                        break;
                    case BulletinPriority.Priority:
                        AirInNextSlot(record, sound);
                        break;
                    default:
                        AirAtOnce(record, sound);
                        break;
                }
                if (record.InlineAudio) store.DeleteAudio(record.Id);
                store.Update(record);
            }
            finally
            {
                _gate.Release();
            }
            LogPrepared(record.Id, record.State, record.BroadcastId ?? record.EmergencyId ?? record.MediaId ?? "-");
            return record;
        }
        catch (Exception e) when (e is BulletinAirException or BroadcastRequestException or AudioFormatException or ArgumentException)
        {
            return Fail(record, e.Message);
        }
    }

    private BulletinRecord Fail(BulletinRecord record, string why)
    {
        _gate.Wait();
        try
        {
            record.State = BulletinState.Failed;
            record.Reason = why;
            if (record.InlineAudio) store.DeleteAudio(record.Id);
            Confirm(record, []);
            store.Update(record);
        }
        finally
        {
            _gate.Release();
        }
        LogFailed(record.Id, why);
        return record;
    }
}
