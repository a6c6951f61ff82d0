using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent.Amplifier;

/// <summary>
/// Switches the amplifier relays around audio (protocol section 8.7). Before a session's first sample: relay 1
/// (power) on, <see cref="RelayDelays.PowerOnDelayMs"/> later relay 2 (amplifier) on, and
/// <see cref="RelayDelays.AmplifierOnDelayMs"/> later the sample sounds, so the switching starts that long ahead;
/// with too little time left (or for an emergency) both switch on at once, because audio never waits for relays.
/// After the audio, when nothing else is to play: <see cref="RelayDelays.AmplifierOffDelayMs"/> later relay 2 off,
/// <see cref="RelayDelays.PowerOffDelayMs"/> later relay 1 off; audio wanted again meanwhile cancels that.
/// Runs on a <see cref="TimeProvider"/>'s timers; thread-safe.
/// </summary>
internal sealed partial class AmplifierSequencer : IDisposable
{
    private enum Step
    {
        None,
        PowerOn,
        AmplifierOn,
        AmplifierOff,
        PowerOff,
    }

    private readonly IRelayDriver _driver;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<string>? _onError;
    private readonly Lock _gate = new();
    private RelayDelays _delays;
    private bool _powerOn;
    private bool _amplifierOn;
    private DateTimeOffset _powerOnAt;
    private bool _wanted;
    private DateTimeOffset _firstSampleAt;
    private Step _pending;
    private ITimer? _timer;
    /// <summary>Grows with every (re)scheduling, so a timer that fires after it was replaced does nothing.</summary>
    private long _generation;

    /// <param name="onError">Told of a relay that could not be switched (the agent reports it as an error event).</param>
    public AmplifierSequencer(IRelayDriver driver, RelayDelays delays, TimeProvider time, ILogger logger, Action<string>? onError = null)
    {
        _driver = driver;
        _delays = delays;
        _time = time;
        _logger = logger;
        _onError = onError;
    }

    /// <summary>The delays of the next switching (a change never moves a switching already scheduled).</summary>
    public RelayDelays Delays
    {
        get { lock (_gate) return _delays; }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_gate) _delays = value;
        }
    }

    public bool PowerOn
    {
        get { lock (_gate) return _powerOn; }
    }

    public bool AmplifierOn
    {
        get { lock (_gate) return _amplifierOn; }
    }

    public string DriverName => _driver.Name;

    /// <summary>
    /// Audio whose first sample sounds at <paramref name="firstSampleAt"/> (this provider's clock) is to play:
    /// switch on in time for it. <paramref name="urgent"/> (an emergency) switches on at once. Calling again with
    /// the same instant changes nothing.
    /// </summary>
    public void Prepare(DateTimeOffset firstSampleAt, bool urgent = false)
    {
        lock (_gate)
        {
            if (_amplifierOn && _wanted) return;
            if (_wanted && !urgent && firstSampleAt == _firstSampleAt && _pending != Step.None) return;
            _wanted = true;
            _firstSampleAt = firstSampleAt;
            Cancel();
            var now = _time.GetUtcNow();
            if (_amplifierOn) return;
            if (urgent)
            {
                SwitchAllOn(now);
                return;
            }
            var amplifierAt = firstSampleAt - Ms(_delays.AmplifierOnDelayMs);
            if (!_powerOn)
            {
                var powerAt = amplifierAt - Ms(_delays.PowerOnDelayMs);
                if (powerAt > now)
                {
                    Schedule(Step.PowerOn, powerAt - now);
                    return;
                }
                LogLate(_logger, (firstSampleAt - now).TotalMilliseconds, _delays.SwitchOnLead.TotalMilliseconds);
                SwitchAllOn(now);
                return;
            }
            // The power is on already (an off sequence was under way, or the power-on settle time is running).
            var settled = _powerOnAt + Ms(_delays.PowerOnDelayMs);
            var at = amplifierAt > settled ? amplifierAt : settled;
            if (at > amplifierAt || at <= now)
            {
                if (at > now && at > amplifierAt) LogLate(_logger, (firstSampleAt - now).TotalMilliseconds, _delays.SwitchOnLead.TotalMilliseconds);
                Switch(Relays.Amplifier, true, now);
                return;
            }
            Schedule(Step.AmplifierOn, at - now);
        }
    }

    /// <summary>Nothing is to play any more: switch off after the delays. Calling again changes nothing.</summary>
    public void Release()
    {
        lock (_gate)
        {
            if (!_wanted) return;
            _wanted = false;
            Cancel();
            if (_amplifierOn) Schedule(Step.AmplifierOff, Ms(_delays.AmplifierOffDelayMs));
            else if (_powerOn) Schedule(Step.PowerOff, Ms(_delays.PowerOffDelayMs));
        }
    }

    /// <summary>Switches both relays off at once (the agent stops).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            Cancel();
            _wanted = false;
            var now = _time.GetUtcNow();
            if (_amplifierOn) Switch(Relays.Amplifier, false, now);
            if (_powerOn) Switch(Relays.Power, false, now);
        }
        _driver.Dispose();
    }

    private void SwitchAllOn(DateTimeOffset now)
    {
        if (!_powerOn) Switch(Relays.Power, true, now);
        if (!_amplifierOn) Switch(Relays.Amplifier, true, now);
    }

    private void Schedule(Step step, TimeSpan delay)
    {
        Cancel();
        _pending = step;
        var generation = ++_generation;
        _timer = _time.CreateTimer(_ => Fire(generation), null, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
    }

    private void Cancel()
    {
        _generation++;
        _pending = Step.None;
        _timer?.Dispose();
        _timer = null;
    }

    private void Fire(long generation)
    {
        lock (_gate)
        {
            if (generation != _generation) return;
            var step = _pending;
            _pending = Step.None;
            _timer?.Dispose();
            _timer = null;
            var now = _time.GetUtcNow();
            switch (step)
            {
                case Step.PowerOn:
                    Switch(Relays.Power, true, now);
                    var amplifierAt = _firstSampleAt - Ms(_delays.AmplifierOnDelayMs);
                    var settled = now + Ms(_delays.PowerOnDelayMs);
                    var at = amplifierAt > settled ? amplifierAt : settled;
                    if (at <= now) Switch(Relays.Amplifier, true, now);
                    else Schedule(Step.AmplifierOn, at - now);
                    break;
                case Step.AmplifierOn:
                    Switch(Relays.Amplifier, true, now);
                    break;
                case Step.AmplifierOff:
                    Switch(Relays.Amplifier, false, now);
                    if (_powerOn) Schedule(Step.PowerOff, Ms(_delays.PowerOffDelayMs));
                    break;
                case Step.PowerOff:
                    Switch(Relays.Power, false, now);
                    break;
            }
        }
    }

    /// <summary>Switches one relay; a failure is logged and reported, and the relay's state stays as it was.</summary>
    private void Switch(int relay, bool on, DateTimeOffset now)
    {
        try
        {
            _driver.Set(relay, on);
        }
        catch (RelayDriverException ex)
        {
            LogSwitchFailed(_logger, relay, on, ex.Message);
            _onError?.Invoke($"relay {relay} could not be switched {(on ? "on" : "off")}: {ex.Message}");
            return;
        }
        if (relay == Relays.Power)
        {
            _powerOn = on;
            if (on) _powerOnAt = now;
        }
        else
        {
            _amplifierOn = on;
        }
        LogSwitched(_logger, relay, on ? "on" : "off");
    }

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [LoggerMessage(EventId = 900, Level = LogLevel.Debug, Message = "Relay {Relay} switched {State}")]
    private static partial void LogSwitched(ILogger logger, int relay, string state);

    [LoggerMessage(EventId = 901, Level = LogLevel.Information,
        Message = "Audio starts in {RemainingMs:0} ms but the relays need {LeadMs:0} ms: switching on at once")]
    private static partial void LogLate(ILogger logger, double remainingMs, double leadMs);

    [LoggerMessage(EventId = 902, Level = LogLevel.Error, Message = "Relay {Relay} could not be switched (on: {On}): {Reason}")]
    private static partial void LogSwitchFailed(ILogger logger, int relay, bool on, string reason);
}
