using System.Security.Cryptography;
using InfoRadio.Controller.Broker;
using InfoRadio.Controller.Storage;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Messages;
using LiteDB;
using Microsoft.Extensions.Logging;

namespace InfoRadio.Controller.Devices;

/// <summary>
/// Every device the controller knows: registration and secrets (persisted in the LiteDB collection
/// <c>devices</c>) and what each device last reported (kept in memory; online state is never trusted across a
/// restart, so every device starts offline). Thread-safe: one lock guards the in-memory entries and orders the
/// writes of one device; the expensive PBKDF2 work runs outside it.
/// </summary>
public sealed partial class DeviceRegistry
{
    public const string CollectionName = "devices";
    public const int MaxNameLength = 100;

    /// <summary>How often, at most, telemetry alone causes a database write for one device.</summary>
    public static readonly TimeSpan TelemetryPersistInterval = TimeSpan.FromMinutes(1);

    /// <summary>Ids no device may take: the controller's own MQTT username.</summary>
    public static readonly IReadOnlySet<string> ReservedIds = new HashSet<string>(StringComparer.Ordinal)
    {
        ControllerCredentials.Username,
        InfoRadio.Protocol.Enrollment.EnrollmentIds.Username,
    };

    private readonly ILiteCollection<BsonDocument> _collection;
    private readonly TimeProvider _time;
    private readonly ILogger<DeviceRegistry> _logger;
    private readonly int _iterations;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DeviceEntry> _devices = new(StringComparer.Ordinal);

    /// <summary>Compared against when an unknown id is presented, so the answer takes as long as for a known one.</summary>
    private readonly StoredSecret _decoy;

    public DeviceRegistry(ControllerDatabase database, TimeProvider time, ILogger<DeviceRegistry> logger)
        : this(database, time, logger, DeviceSecretHasher.DefaultIterations)
    {
    }

    internal DeviceRegistry(ControllerDatabase database, TimeProvider time, ILogger<DeviceRegistry> logger, int iterations)
    {
        ArgumentNullException.ThrowIfNull(database);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _iterations = iterations;
        _decoy = DeviceSecretHasher.Hash(DeviceSecretHasher.NewSecret(), iterations);
        _collection = database.Database.GetCollection(CollectionName);
        foreach (var doc in _collection.FindAll())
        {
            if (DeviceDocument.To(doc, out var problem) is { } entry) _devices[entry.Id] = entry;
            else LogUnreadableRecord(problem!);
        }
        LogLoaded(_devices.Count);
    }

    /// <summary>Raised after any change of a device, outside the registry's lock, with the new view.</summary>
    public event Action<DeviceView>? Changed;

    /// <summary>Raised when a device's secret stops being valid (deleted or rotated): its connection should go.</summary>
    public event Action<string>? CredentialsRevoked;

    /// <summary>
    /// Raised with a device's new plaintext secret the moment it is issued (registration, rotation, reinstatement),
    /// before anything else hears of it: the only moment an external broker's account can be given the password.
    /// </summary>
    public event Action<string, string>? SecretIssued;

    public int Count
    {
        get { lock (_gate) return _devices.Count; }
    }

    /// <summary>Registers a device and returns its secret, which is not stored and cannot be shown again.</summary>
    /// <exception cref="DeviceRegistrationException">Invalid, reserved or duplicate id, or an invalid name.</exception>
    public DeviceRegistration Register(string id, string? name)
    {
        if (Identifiers.Check(id, "device id") is { } idProblem)
            throw new DeviceRegistrationException(DeviceRegistrationError.InvalidId, idProblem);
        if (ReservedIds.Contains(id))
            throw new DeviceRegistrationException(DeviceRegistrationError.ReservedId, $"device id '{id}' is reserved");
        name = NormalizeName(name);
        ThrowIfExists(id);

        var secret = DeviceSecretHasher.NewSecret();
        var entry = new DeviceEntry(id, name, _time.GetUtcNow(), DeviceSecretHasher.Hash(secret, _iterations));
        DeviceView view;
        lock (_gate)
        {
            ThrowIfExists(id);
            _collection.Insert(DeviceDocument.From(entry));
            _devices.Add(id, entry);
            view = entry.ToView();
        }
        LogRegistered(id);
        RaiseSecretIssued(id, secret);
        RaiseChanged(view);
        return new DeviceRegistration(id, secret);
    }

    /// <summary>Replaces a device's secret; the old one stops working at once.</summary>
    public DeviceRegistration RotateSecret(string id)
    {
        var secret = DeviceSecretHasher.NewSecret();
        var stored = DeviceSecretHasher.Hash(secret, _iterations);
        lock (_gate)
        {
            if (!_devices.TryGetValue(id, out var entry))
                throw new DeviceRegistrationException(DeviceRegistrationError.NotFound, $"device '{id}' is not registered");
            entry.Secret = stored;
            entry.VerifiedDigest = null;
            entry.PreviousSecret = null;
            _collection.Update(DeviceDocument.From(entry));
        }
        LogSecretRotated(id);
        RaiseSecretIssued(id, secret);
        RaiseRevoked(id);
        return new DeviceRegistration(id, secret);
    }

    /// <summary>Removes a device; returns false when it was not registered.</summary>
    public bool Delete(string id)
    {
        lock (_gate)
        {
            if (!_devices.Remove(id)) return false;
            _collection.Delete(id);
        }
        LogDeleted(id);
        RaiseRevoked(id);
        return true;
    }

    public IReadOnlyList<DeviceView> List()
    {
        lock (_gate)
        {
            var views = new List<DeviceView>(_devices.Count);
            foreach (var entry in _devices.Values) views.Add(entry.ToView());
            views.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
            return views;
        }
    }

    public DeviceView? Find(string id)
    {
        lock (_gate) return _devices.TryGetValue(id, out var entry) ? entry.ToView() : null;
    }

    /// <summary>
    /// <see cref="VerifySecret"/>'s cheap half: true when <paramref name="secret"/> is the one of <paramref name="id"/>
    /// verified before (a digest compare, no PBKDF2), with the same effect; false means only that PBKDF2 must decide.
    /// </summary>
    public bool IsVerifiedBefore(string id, string secret) =>
        id is not null && secret is not null && IsVerifiedBefore(id, DeviceSecretHasher.Digest(secret));

    private bool IsVerifiedBefore(string id, byte[] digest)
    {
        lock (_gate)
        {
            if (!_devices.TryGetValue(id, out var entry) || entry.Revocation is not null
                || entry.VerifiedDigest is not { } known || !CryptographicOperations.FixedTimeEquals(known, digest))
                return false;
            // The device uses its new secret: the one it had before a rotation is no longer needed.
            entry.PreviousSecret = null;
            return true;
        }
    }

    /// <summary>True when <paramref name="secret"/> is the device's current secret and it is not revoked. Constant-time comparisons.</summary>
    /// <remarks>
    /// PBKDF2 makes a stolen database useless, but costs milliseconds of CPU per check; after a broker restart or
    /// a 4G outage thousands of devices reconnect at once, and again at every link flap. So a secret that passed
    /// PBKDF2 once is remembered in memory as its SHA-256 (one per registered device, so the cache is bounded by
    /// the registry and invalidated with the secret). A SHA-256 of 256 random bits is as unguessable as the
    /// secret itself and never leaves the process, so the shortcut gives nothing away; wrong secrets always pay
    /// the full PBKDF2 price.
    /// </remarks>
    public bool VerifySecret(string id, string secret)
    {
        if (id is null || secret is null) return false;
        var digest = DeviceSecretHasher.Digest(secret);
        if (IsVerifiedBefore(id, digest)) return true;
        StoredSecret stored;
        StoredSecret? previous = null;
        lock (_gate)
        {
            // A revoked device is answered like an unknown one, in the same time: no secret of it works.
            if (!_devices.TryGetValue(id, out var entry) || entry.Revocation is not null)
            {
                stored = _decoy;
                id = string.Empty;
            }
            else
            {
                stored = entry.Secret;
                previous = entry.PreviousSecret is { } old && _time.GetUtcNow() < entry.PreviousSecretUntil ? old : null;
            }
        }
        if (!DeviceSecretHasher.Verify(secret, stored) || id.Length == 0)
            return previous is not null && id.Length > 0 && VerifyPrevious(id, secret, previous);
        lock (_gate)
        {
            // Only cache against the secret that was checked: a rotation in between must win.
            if (_devices.TryGetValue(id, out var entry) && ReferenceEquals(entry.Secret, stored) && entry.Revocation is null)
            {
                entry.VerifiedDigest = digest;
                // The device uses its new secret: the one it had before a rotation is no longer needed.
                entry.PreviousSecret = null;
            }
        }
        return true;
    }

    /// <summary>Raised after a known device's reported state was applied, outside the lock (settings versions read it).</summary>
    public event Action<string, ReportedState>? StateReported;

    /// <summary>Applies a device's reported state (its own retained report or its Last Will).</summary>
    public void ApplyReportedState(string id, ReportedState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var known = false;
        Update(id, entry =>
        {
            known = true;
            // A revoked device has no connection, whatever an old retained report says (an external broker that cut it
            // off may not have published its Will).
            var online = state.Online && entry.Revocation is null;
            // Online state and session are never trusted across a restart, so a session change alone is not written:
            // at the start of a broadcast every speaker reports one at once.
            var persist = entry.Online != online
                          || (state.Firmware is not null && state.Firmware != entry.Firmware)
                          || (state.Volume is not null && state.Volume != entry.Volume);
            entry.Online = online;
            entry.Session = online ? state.Session : null;
            if (state.Firmware is not null) entry.Firmware = state.Firmware;
            if (state.Volume is not null) entry.Volume = state.Volume;
            return persist;
        });
        if (known) StateReported?.Invoke(id, state);
    }

    public void ApplyTelemetry(string id, Telemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        Update(id, entry =>
        {
            entry.LastTelemetry = telemetry;
            if (telemetry is { Latitude: { } lat, Longitude: { } lon }) entry.Gps = new DevicePosition(lat, lon, DevicePosition.Gps);
            if (telemetry.Firmware is not null) entry.Firmware = telemetry.Firmware;
            if (telemetry.Volume is not null) entry.Volume = telemetry.Volume;
            var now = entry.LastSeen!.Value;
            if (entry.TelemetryPersistedAt is { } at && now - at < TelemetryPersistInterval) return false;
            entry.TelemetryPersistedAt = now;
            return true;
        });
    }

    /// <summary>The broker saw the device's connection end.</summary>
    public void MarkOffline(string id) => Update(id, entry =>
    {
        entry.Online = false;
        entry.Session = null;
        return true;
    });

    /// <summary>Runs <paramref name="change"/> on a known device (returns whether to persist); unknown ids are ignored.</summary>
    private void Update(string id, Func<DeviceEntry, bool> change)
    {
        DeviceView view;
        lock (_gate)
        {
            if (!_devices.TryGetValue(id, out var entry))
            {
                LogUnknownDevice(id);
                return;
            }
            entry.LastSeen = _time.GetUtcNow();
            if (change(entry)) _collection.Update(DeviceDocument.From(entry));
            view = entry.ToView();
        }
        RaiseChanged(view);
    }

    private void ThrowIfExists(string id)
    {
        bool exists;
        lock (_gate) exists = _devices.ContainsKey(id);
        if (exists)
            throw new DeviceRegistrationException(DeviceRegistrationError.Duplicate, $"device '{id}' is already registered");
    }

    private static string? NormalizeName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        name = name.Trim();
        if (name.Length > MaxNameLength)
            throw new DeviceRegistrationException(DeviceRegistrationError.InvalidName, $"name is longer than {MaxNameLength} characters");
        if (name.Any(char.IsControl))
            throw new DeviceRegistrationException(DeviceRegistrationError.InvalidName, "name contains a control character");
        return name;
    }

    private void RaiseChanged(DeviceView view)
    {
        try
        {
            Changed?.Invoke(view);
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex, view.Id);
        }
    }

    private void RaiseSecretIssued(string id, string secret)
    {
        try
        {
            SecretIssued?.Invoke(id, secret);
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex, id);
        }
    }

    private void RaiseRevoked(string id)
    {
        try
        {
            CredentialsRevoked?.Invoke(id);
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex, id);
        }
    }
}
