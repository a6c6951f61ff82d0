using Microsoft.Extensions.Logging;

namespace InfoRadio.Controller.Devices;

public sealed partial class DeviceRegistry
{
    public const int MaxRevocationReasonLength = 500;

    /// <summary>Raised when a device got new credentials after a revocation (reinstated): its past failures should not count.</summary>
    public event Action<string>? CredentialsReissued;

    /// <summary>
    /// Revokes a device: persisted at once, its connection is cut (<see cref="CredentialsRevoked"/>) and no secret of
    /// it, old or rotated, is accepted until <see cref="Reinstate"/>. Revoking a revoked device keeps the first record
    /// but cuts its connection again.
    /// </summary>
    /// <exception cref="DeviceRegistrationException">Unknown device, or a reason that is too long.</exception>
    public DeviceView Revoke(string id, string? by, string? reason)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is { Length: > MaxRevocationReasonLength })
            throw new DeviceRegistrationException(DeviceRegistrationError.InvalidName, $"reason is longer than {MaxRevocationReasonLength} characters");
        DeviceView view;
        lock (_gate)
        {
            if (!_devices.TryGetValue(id, out var entry))
                throw new DeviceRegistrationException(DeviceRegistrationError.NotFound, $"device '{id}' is not registered");
            if (entry.Revocation is null)
            {
                entry.Revocation = new DeviceRevocation(_time.GetUtcNow(), by, reason);
                entry.VerifiedDigest = null;
                _collection.Update(DeviceDocument.From(entry));
            }
            view = entry.ToView();
        }
        LogRevoked(id, by ?? "?");
        RaiseRevoked(id);
        RaiseChanged(view);
        return view;
    }

    /// <summary>Lifts a revocation with a new secret (shown once): the one the device had before stays dead.</summary>
    /// <exception cref="DeviceRegistrationException">Unknown device, or one that is not revoked.</exception>
    public DeviceRegistration Reinstate(string id, string? by)
    {
        var secret = DeviceSecretHasher.NewSecret();
        var stored = DeviceSecretHasher.Hash(secret, _iterations);
        DeviceView view;
        lock (_gate)
        {
            if (!_devices.TryGetValue(id, out var entry))
                throw new DeviceRegistrationException(DeviceRegistrationError.NotFound, $"device '{id}' is not registered");
            if (entry.Revocation is null)
                throw new DeviceRegistrationException(DeviceRegistrationError.NotRevoked, $"device '{id}' is not revoked");
            entry.Revocation = null;
            entry.Secret = stored;
            entry.VerifiedDigest = null;
            _collection.Update(DeviceDocument.From(entry));
            view = entry.ToView();
        }
        LogReinstated(id, by ?? "?");
        RaiseSecretIssued(id, secret);
        try
        {
            CredentialsReissued?.Invoke(id);
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex, id);
        }
        RaiseChanged(view);
        return new DeviceRegistration(id, secret);
    }

    /// <summary>True when the device is registered and revoked.</summary>
    public bool IsRevoked(string id)
    {
        lock (_gate) return _devices.TryGetValue(id, out var entry) && entry.Revocation is not null;
    }

    [LoggerMessage(EventId = 1190, Level = LogLevel.Warning, Message = "Device {DeviceId} revoked by {By}")]
    private partial void LogRevoked(string deviceId, string by);

    [LoggerMessage(EventId = 1191, Level = LogLevel.Information, Message = "Device {DeviceId} reinstated by {By} with a new secret")]
    private partial void LogReinstated(string deviceId, string by);
}
