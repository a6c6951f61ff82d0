using Microsoft.Extensions.Logging;

namespace InfoRadio.Controller.Devices;

public sealed partial class DeviceRegistry
{
    /// <summary>
    /// Replaces a device's secret while it is online: the old one keeps working for <paramref name="grace"/> or until
    /// the device connects with the new one, so the connection is not cut before the device has the new secret.
    /// Call <see cref="EndGrace"/> when the grace ends (or when delivering the new secret failed).
    /// </summary>
    public DeviceRegistration RotateSecretWithGrace(string id, TimeSpan grace)
    {
        var secret = DeviceSecretHasher.NewSecret();
        var stored = DeviceSecretHasher.Hash(secret, _iterations);
        lock (_gate)
        {
            if (!_devices.TryGetValue(id, out var entry))
                throw new DeviceRegistrationException(DeviceRegistrationError.NotFound, $"device '{id}' is not registered");
            entry.PreviousSecret = entry.Secret;
            entry.PreviousSecretUntil = _time.GetUtcNow() + grace;
            entry.Secret = stored;
            entry.VerifiedDigest = null;
            _collection.Update(DeviceDocument.From(entry));
        }
        LogSecretRotatedWithGrace(id, (long)grace.TotalSeconds);
        RaiseSecretIssued(id, secret);
        return new DeviceRegistration(id, secret);
    }

    /// <summary>
    /// Ends the grace of a rotation: when the device has not connected with its new secret yet, the old one stops
    /// working now and its connection (made with the old one) is cut. Returns true when that happened.
    /// </summary>
    public bool EndGrace(string id)
    {
        lock (_gate)
        {
            if (!_devices.TryGetValue(id, out var entry) || entry.PreviousSecret is null) return false;
            entry.PreviousSecret = null;
        }
        LogGraceEnded(id);
        RaiseRevoked(id);
        return true;
    }

    /// <summary>True while a rotated device may still use its previous secret.</summary>
    public bool InGrace(string id)
    {
        lock (_gate)
            return _devices.TryGetValue(id, out var entry) && entry.PreviousSecret is not null && _time.GetUtcNow() < entry.PreviousSecretUntil;
    }

    private bool VerifyPrevious(string id, string secret, StoredSecret previous)
    {
        if (!DeviceSecretHasher.Verify(secret, previous)) return false;
        lock (_gate)
            return _devices.TryGetValue(id, out var entry) && ReferenceEquals(entry.PreviousSecret, previous)
                && _time.GetUtcNow() < entry.PreviousSecretUntil;
    }

    [LoggerMessage(EventId = 1120, Level = LogLevel.Information, Message = "Device {DeviceId} has a new secret; the old one stays valid for up to {GraceSeconds} s")]
    private partial void LogSecretRotatedWithGrace(string deviceId, long graceSeconds);

    [LoggerMessage(EventId = 1121, Level = LogLevel.Information, Message = "Device {DeviceId} did not switch to its new secret in time: the old one is refused from now")]
    private partial void LogGraceEnded(string deviceId);
}
