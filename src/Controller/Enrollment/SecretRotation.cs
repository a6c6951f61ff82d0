using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Messaging;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Enrollment;

/// <summary>What a rotation did: <see cref="Secret"/> is set only when it could not be delivered to the device.</summary>
public sealed record RotationResult(string Id, bool Delivered, string? Secret)
{
    public override string ToString() => $"RotationResult {{ Id = {Id}, Delivered = {Delivered}, Secret = {(Secret is null ? "null" : "***")} }}";
}

/// <summary>
/// Rotates a device's MQTT secret. Online: the new secret goes to the device itself in a <c>rotate-secret</c>
/// command; the old one stays valid until the device reconnects with the new one or the grace period ends (then a
/// connection still made with the old one is cut). Offline (or the command could not be sent): the old secret
/// stops at once and the new one is returned, to be shown once.
/// </summary>
public sealed partial class SecretRotation(DeviceRegistry registry, ControllerBus bus, TimeProvider time,
    IOptions<EnrollmentOptions> options, ILogger<SecretRotation> logger) : IDisposable
{
    private readonly TimeSpan _grace = TimeSpan.FromSeconds(options.Value.RotationGraceSeconds);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ITimer> _timers = new(StringComparer.Ordinal);

    /// <exception cref="DeviceRegistrationException">The device is not registered.</exception>
    public async Task<RotationResult> RotateAsync(string id, CancellationToken ct = default)
    {
        if (registry.Find(id) is not { } device)
            throw new DeviceRegistrationException(DeviceRegistrationError.NotFound, $"device '{id}' is not registered");
        if (!device.Online || !bus.IsConnected) return Offline(id);

        var rotated = registry.RotateSecretWithGrace(id, _grace);
        var command = new DeviceCommand
        {
            Id = Guid.NewGuid().ToString("N"),
            Type = DeviceCommandType.RotateSecret,
            IssuedUs = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond,
            Secret = rotated.Secret,
        };
        try
        {
            await bus.PublishAsync(TopicTree.DeviceCommands(id), MessageCodec.Encode(command), MqttQualityOfServiceLevel.AtLeastOnce,
                retain: false, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is BusNotConnectedException or BusPublishException or OperationCanceledException)
        {
            LogNotDelivered(id, ex.Message);
            registry.EndGrace(id);
            return new RotationResult(id, false, rotated.Secret);
        }
        ScheduleGraceEnd(id);
        LogDelivered(id, (long)_grace.TotalSeconds);
        return new RotationResult(id, true, null);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var timer in _timers.Values) timer.Dispose();
            _timers.Clear();
        }
    }

    private RotationResult Offline(string id)
    {
        var registration = registry.RotateSecret(id);
        return new RotationResult(id, false, registration.Secret);
    }

    private void ScheduleGraceEnd(string id)
    {
        lock (_gate)
        {
            if (_timers.Remove(id, out var old)) old.Dispose();
            _timers[id] = time.CreateTimer(_ =>
            {
                lock (_gate)
                    if (_timers.Remove(id, out var self)) self.Dispose();
                registry.EndGrace(id);
            }, null, _grace, Timeout.InfiniteTimeSpan);
        }
    }

    [LoggerMessage(EventId = 3920, Level = LogLevel.Information, Message = "New secret of device {DeviceId} sent to it; the old one works for at most {GraceSeconds} s more")]
    private partial void LogDelivered(string deviceId, long graceSeconds);

    [LoggerMessage(EventId = 3921, Level = LogLevel.Warning, Message = "New secret of device {DeviceId} could not be sent ({Problem}): the old one is refused now and the new one is shown once")]
    private partial void LogNotDelivered(string deviceId, string problem);
}
