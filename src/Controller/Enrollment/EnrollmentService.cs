using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Targets;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Enrollment;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Enrollment;

/// <summary>
/// The enrollment workflow, without I/O to the broker: records requests (pending, conflicts), approves (registers
/// and places the device, seals fresh credentials to the recorded key), rejects, and keeps pre-registered
/// placements. Each method returns the response to send, if any; <see cref="EnrollmentGateway"/> sends it. The
/// clear secret exists only inside the sealed envelope; a box that missed it gets a fresh one when it asks again.
/// </summary>
public sealed partial class EnrollmentService
{
    private readonly EnrollmentStore _store;
    private readonly DeviceRegistry _registry;
    private readonly TargetDirectory _directory;
    private readonly TimeProvider _time;
    private readonly EnrollmentOptions _options;
    private readonly ILogger<EnrollmentService> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EnrollmentRecord> _records = new(StringComparer.Ordinal);
    private long _requests;
    private long _conflicts;
    private long _ignored;

    public EnrollmentService(EnrollmentStore store, DeviceRegistry registry, TargetDirectory directory, TimeProvider time,
        IOptions<EnrollmentOptions> options, ILogger<EnrollmentService> logger)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        foreach (var record in store.LoadAll()) _records[record.Serial] = record;
    }

    /// <summary>Valid requests handled since start.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests from a second key for a serial that already has one: flagged, never answered.</summary>
    public long Conflicts => Interlocked.Read(ref _conflicts);

    /// <summary>Requests dropped: serial not matching the topic, unusable key, too many records.</summary>
    public long Ignored => Interlocked.Read(ref _ignored);

    public IReadOnlyList<EnrollmentView> List(EnrollmentState? state = null)
    {
        lock (_gate)
            return _records.Values.Where(r => state is null || r.State == state).OrderBy(r => r.Serial, StringComparer.Ordinal)
                .Select(r => r.ToView()).ToList();
    }

    public EnrollmentView? Find(string serial)
    {
        var key = EnrollmentIds.TryCanonical(serial);
        lock (_gate) return key is not null && _records.TryGetValue(key, out var r) ? r.ToView() : null;
    }

    /// <summary>Records a request; returns the answer for the box, or null when it gets none (a conflict, say).</summary>
    public EnrollmentResponse? OnRequest(string topicSerial, EnrollmentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (EnrollmentIds.TryCanonical(request.Serial) != topicSerial)
            return Ignore(topicSerial, $"the request names serial '{request.Serial}' on the topic of '{topicSerial}'");
        var key = Convert.FromBase64String(request.PublicKey);
        if (!DeviceKeys.IsValidPublic(key)) return Ignore(topicSerial, "the public key is not a P-256 point");
        var fingerprint = DeviceKeys.Fingerprint(key);
        var now = _time.GetUtcNow();
        Interlocked.Increment(ref _requests);
        lock (_gate)
        {
            if (!_records.TryGetValue(topicSerial, out var record))
            {
                if (_records.Count >= _options.MaxRecords) return Ignore(topicSerial, $"{_options.MaxRecords} enrollment records are kept at most");
                _records[topicSerial] = record = new EnrollmentRecord(topicSerial);
            }
            if (record.PublicKey is null)
            {
                // First request (or the first of a pre-registered box): this key is the serial's from now on.
                record.PublicKey = key;
                record.KeyFingerprint = fingerprint;
                record.FirstSeenAt = now;
                if (record.State == EnrollmentState.PreRegistered) record.State = EnrollmentState.Pending;
                LogNewRequest(topicSerial, fingerprint, record.PreRegistered);
            }
            else if (!record.PublicKey.AsSpan().SequenceEqual(key))
            {
                record.ConflictFingerprint = fingerprint;
                record.ConflictAt = now;
                record.Conflicts++;
                _store.Save(record);
                Interlocked.Increment(ref _conflicts);
                LogConflict(topicSerial, record.KeyFingerprint!, fingerprint);
                return null;
            }
            record.LastSeenAt = now;
            record.Firmware = request.Firmware;
            record.Imei = request.Imei ?? record.Imei;
            var response = record.State switch
            {
                EnrollmentState.Approved => Reissue(record, now),
                EnrollmentState.Rejected => Response(record, EnrollmentStatus.Rejected, reason: record.Reason),
                _ => Response(record, EnrollmentStatus.Pending),
            };
            _store.Save(record);
            return response;
        }
    }

    /// <summary>Approves a serial that asked: registers and places the device and seals its credentials.</summary>
    /// <exception cref="EnrollmentException">Unknown serial, not asked yet, already approved, bad id or placement.</exception>
    public (EnrollmentView View, EnrollmentResponse Response) Approve(string serial, ApprovalChoice choice, string actor)
    {
        ArgumentNullException.ThrowIfNull(choice);
        lock (_gate)
        {
            var record = Get(serial);
            if (record.State == EnrollmentState.Approved)
                throw new EnrollmentException(EnrollmentError.Conflict, $"serial '{record.Serial}' is already approved as device '{record.DeviceId}'");
            if (record.PublicKey is null)
                throw new EnrollmentException(EnrollmentError.Conflict, $"serial '{record.Serial}' is pre-registered but has not asked to enroll yet");
            var id = choice.Id ?? DefaultId(record.Serial);
            if (Identifiers.Check(id, "id") is { } badId) throw new EnrollmentException(EnrollmentError.Invalid, badId);
            var village = choice.Village ?? record.Village;
            var zones = choice.Zones ?? record.Zones;
            if (_directory.CheckPlacement(village, zones) is { } placement) throw new EnrollmentException(EnrollmentError.Invalid, placement);
            DeviceRegistration registration;
            try
            {
                registration = _registry.Register(id, choice.Name ?? record.Name);
            }
            catch (DeviceRegistrationException ex)
            {
                throw new EnrollmentException(ex.Error == DeviceRegistrationError.Duplicate ? EnrollmentError.Conflict : EnrollmentError.Invalid, ex.Message);
            }
            if (village is not null || zones.Count > 0) _registry.SetPlacement(id, village, zones);
            if (record is { Latitude: { } lat, Longitude: { } lon }) _registry.SetSurveyedPosition(id, lat, lon);
            var now = _time.GetUtcNow();
            record.State = EnrollmentState.Approved;
            record.DeviceId = id;
            record.Name = choice.Name ?? record.Name;
            record.Village = village;
            record.Zones = zones.ToArray();
            record.Reason = null;
            record.DecidedBy = actor;
            record.DecidedAt = now;
            var response = Sealed(record, registration, now);
            _store.Save(record);
            LogApproved(record.Serial, id, actor);
            return (record.ToView(), response);
        }
    }

    /// <exception cref="EnrollmentException">Unknown serial, or already approved (revoke the device instead).</exception>
    public (EnrollmentView View, EnrollmentResponse? Response) Reject(string serial, string? reason, string actor)
    {
        if (reason is not null && (reason.Length > EnrollmentResponse.MaxReasonLength || reason.Any(char.IsControl)))
            throw new EnrollmentException(EnrollmentError.Invalid, $"reason must be at most {EnrollmentResponse.MaxReasonLength} printable characters");
        lock (_gate)
        {
            var record = Get(serial);
            if (record.State == EnrollmentState.Approved)
                throw new EnrollmentException(EnrollmentError.Conflict, $"serial '{record.Serial}' is approved as device '{record.DeviceId}': revoke the device instead");
            record.State = EnrollmentState.Rejected;
            record.Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            record.DecidedBy = actor;
            record.DecidedAt = _time.GetUtcNow();
            _store.Save(record);
            LogRejected(record.Serial, actor);
            return (record.ToView(), record.PublicKey is null ? null : Response(record, EnrollmentStatus.Rejected, reason: record.Reason));
        }
    }

    /// <summary>Creates or updates pre-registered placements; returns (created, updated). Approved serials move their device too.</summary>
    public (int Created, int Updated) PreRegister(IReadOnlyList<PreRegistration> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var created = 0;
        var updated = 0;
        lock (_gate)
        {
            foreach (var row in rows)
            {
                if (!_records.TryGetValue(row.Serial, out var record))
                {
                    if (_records.Count >= _options.MaxRecords)
                        throw new EnrollmentException(EnrollmentError.Invalid, $"{_options.MaxRecords} enrollment records are kept at most");
                    _records[row.Serial] = record = new EnrollmentRecord(row.Serial);
                    created++;
                }
                else
                {
                    updated++;
                }
                record.PreRegistered = true;
                record.Name = row.Name ?? record.Name;
                record.Village = row.Village;
                record.Zones = row.Zones.ToArray();
                record.Latitude = row.Latitude;
                record.Longitude = row.Longitude;
                if (record is { State: EnrollmentState.Approved, DeviceId: { } deviceId } && _registry.Find(deviceId) is not null)
                {
                    _registry.SetPlacement(deviceId, row.Village, row.Zones);
                    _registry.SetSurveyedPosition(deviceId, row.Latitude, row.Longitude);
                }
                _store.Save(record);
            }
        }
        LogPreRegistered(created, updated);
        return (created, updated);
    }

    /// <summary>The default device id of a serial: the serial itself (canonical, so already a valid id).</summary>
    public static string DefaultId(string serial) => EnrollmentIds.TryCanonical(serial) ?? serial;

    /// <summary>
    /// An approved box asks again: it missed its credentials (offline at approval, or lost them before storing). It
    /// gets fresh ones, but only until the device first connects, and not more often than ReissueAfterSeconds.
    /// </summary>
    private EnrollmentResponse? Reissue(EnrollmentRecord record, DateTimeOffset now)
    {
        if (record.DeviceId is not { } id || _registry.Find(id) is not { } device) return null;
        if (device.LastSeen is { } seen && record.CredentialsIssuedAt is { } issued && seen >= issued)
        {
            LogAlreadyConnected(record.Serial, id);
            return null;
        }
        if (record.CredentialsIssuedAt is { } last && now - last < TimeSpan.FromSeconds(_options.ReissueAfterSeconds)) return null;
        var registration = _registry.RotateSecret(id);
        LogReissued(record.Serial, id);
        return Sealed(record, registration, now);
    }

    private EnrollmentResponse Sealed(EnrollmentRecord record, DeviceRegistration registration, DateTimeOffset now)
    {
        record.CredentialsIssuedAt = now;
        var envelope = CredentialSealer.Seal(record.PublicKey, record.Serial,
            new EnrolledCredentials { DeviceId = registration.Id, Secret = registration.Secret });
        return Response(record, EnrollmentStatus.Approved, envelope);
    }

    private EnrollmentResponse Response(EnrollmentRecord record, EnrollmentStatus status, CredentialEnvelope? credentials = null, string? reason = null) => new()
    {
        Serial = record.Serial,
        Status = status,
        KeyFingerprint = record.KeyFingerprint!,
        Credentials = credentials,
        Reason = reason,
        SentUs = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond,
    };

    private EnrollmentRecord Get(string serial) =>
        EnrollmentIds.TryCanonical(serial) is { } key && _records.TryGetValue(key, out var record)
            ? record
            : throw new EnrollmentException(EnrollmentError.NotFound, $"no enrollment for serial '{serial}'");

    private EnrollmentResponse? Ignore(string serial, string why)
    {
        Interlocked.Increment(ref _ignored);
        LogIgnored(serial, why);
        return null;
    }
}
