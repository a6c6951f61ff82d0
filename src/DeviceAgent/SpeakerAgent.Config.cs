using InfoRadio.DeviceAgent.Amplifier;
using InfoRadio.DeviceAgent.Clock;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent;

/// <summary>The pushed configuration (protocol section 8.7) and the amplifier relays it sets the delays of.</summary>
public sealed partial class SpeakerAgent
{
    private readonly AmplifierSequencer _amplifier;
    private readonly Settings.ConfigFile _configFile;
    private TimeSpan _telemetryInterval;
    private PeriodicTimer? _telemetryTimer;
    private DeviceConfig? _config;
    private ITimer? _toneRelease;

    /// <summary>The relays, for tests and simulations.</summary>
    internal AmplifierSequencer Amplifier => _amplifier;

    /// <summary>The output buffer a latency profile asks for; null: the sink's own (protocol section 8.7).</summary>
    internal static TimeSpan? OutputBufferOf(LatencyProfile profile) => profile switch
    {
        LatencyProfile.Low => TimeSpan.FromMilliseconds(100),
        LatencyProfile.Robust => TimeSpan.FromMilliseconds(500),
        _ => null,
    };

    private static RelayDelays DefaultRelayDelays(RelayOptions options) => new()
    {
        PowerOnDelayMs = options.PowerOnDelayMs,
        AmplifierOnDelayMs = options.AmplifierOnDelayMs,
        AmplifierOffDelayMs = options.AmplifierOffDelayMs,
        PowerOffDelayMs = options.PowerOffDelayMs,
    };

    /// <summary>At start: the configuration stored before the restart, if any, applies until the controller's arrives.</summary>
    private void LoadStoredConfig()
    {
        var stored = _configFile.Load(out var problem);
        if (problem is not null) LogStoredConfigUnusable(_logger, _configFile.Path, problem);
        if (stored is null) return;
        Apply(stored);
        LogConfigRestored(_logger, stored.Version);
    }

    /// <summary>
    /// A configuration from the device's own desired topic (agent loop): applied when it differs from the one in
    /// force, stored, and reported. What cannot be stored is reported as an error event; it applies all the same.
    /// </summary>
    private void ApplyConfig(DeviceConfig config)
    {
        if (config == Volatile.Read(ref _config)) return;
        Apply(config);
        LogConfigApplied(_logger, config.Version, config.Volume, config.EmergencyVolume, config.TelemetryIntervalS, config.LatencyProfile);
        try
        {
            _configFile.Save(config);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogConfigNotStored(_logger, config.Version, _configFile.Path, ex.Message);
            PublishEvent(DeviceEventType.Error, session: null, _clock.ControllerNowUs, position: null, underruns: null,
                $"config version {config.Version} applied but not stored (it is lost at a restart): {ex.Message}");
        }
        PublishState();
    }

    private void Apply(DeviceConfig config)
    {
        _engine.DeviceVolume = config.Volume;
        _engine.EmergencyVolume = config.EmergencyVolume;
        _engine.OutputBuffer = OutputBufferOf(config.LatencyProfile);
        _amplifier.Delays = config.Relays;
        _telemetryInterval = TimeSpan.FromSeconds(config.TelemetryIntervalS);
        if (_telemetryTimer is { } timer) timer.Period = _telemetryInterval;
        Volatile.Write(ref _config, config);
    }

    /// <summary>
    /// Switches the relays for the chosen session (agent loop): on in time for its first sample (sample 0 sounds at
    /// epoch + latency on the controller's clock), or at once for an emergency or while the clock is unknown; off
    /// after the delays when nothing is chosen.
    /// </summary>
    private void DriveAmplifier(SessionInfo? chosen)
    {
        if (chosen is null)
        {
            if (!_engine.Snapshot().ToneActive) _amplifier.Release();
            return;
        }
        var urgent = chosen.Priority == PriorityClass.Emergency || !_clock.IsSynchronized;
        var firstSampleDeviceUs = _clock.ToDeviceUs(chosen.EpochUs + chosen.LatencyMs * 1_000L);
        _amplifier.Prepare(DateTimeOffset.UnixEpoch.AddTicks(firstSampleDeviceUs * 10), urgent);
    }

    /// <summary>The test tone sounds at once: relays on now, and off again after it unless a session came meanwhile.</summary>
    private void HoldAmplifierForTone()
    {
        _amplifier.Prepare(_time.GetUtcNow(), urgent: true);
        _toneRelease?.Dispose();
        _toneRelease = _time.CreateTimer(_ => Post(() =>
        {
            if (_follower.Chosen is null) _amplifier.Release();
        }), null, TimeSpan.FromSeconds(2.5), Timeout.InfiniteTimeSpan);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Configuration version {Version} applied: volume {Volume}, emergency volume {EmergencyVolume}, telemetry every {TelemetryS} s, latency profile {Profile}")]
    private static partial void LogConfigApplied(ILogger logger, long version, int volume, int? emergencyVolume, int telemetryS, LatencyProfile profile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration version {Version} restored from the state folder")]
    private static partial void LogConfigRestored(ILogger logger, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored configuration {Path} is not usable ({Problem}); running on the options until the controller sends one")]
    private static partial void LogStoredConfigUnusable(ILogger logger, string path, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Configuration version {Version} applied but could not be stored in {Path}: {Reason}")]
    private static partial void LogConfigNotStored(ILogger logger, long version, string path, string reason);
}
