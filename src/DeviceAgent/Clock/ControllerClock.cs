using InfoRadio.Protocol.Clock;

namespace InfoRadio.DeviceAgent.Clock;

/// <summary>
/// Thread-safe view of the controller's clock for the playout, the link and telemetry. After a reset (reconnect)
/// the last offset stays in use until a new sample arrives: the device clock did not jump just because the link
/// dropped, and switching to offset 0 meanwhile would shift a playing session by the whole offset.
/// </summary>
internal sealed class ControllerClock
{
    private readonly Lock _gate = new();
    private readonly ClockOffsetEstimator _estimator;
    private long? _lastOffsetUs;

    public ControllerClock(int window = 8) => _estimator = new ClockOffsetEstimator(window);

    /// <summary>True when at least one sample was taken since the last reset.</summary>
    public bool IsSynchronized
    {
        get { lock (_gate) return _estimator.IsSynchronized; }
    }

    /// <summary>True once any sample was ever taken: the offset is then usable for playout.</summary>
    public bool HasOffset
    {
        get { lock (_gate) return _lastOffsetUs is not null; }
    }

    /// <summary>Controller minus device clock, µs (0 before the first sample).</summary>
    public long OffsetUs
    {
        get { lock (_gate) return _lastOffsetUs ?? 0; }
    }

    public long? BestRoundTripUs
    {
        get { lock (_gate) return _estimator.BestRoundTripUs; }
    }

    public bool Add(ClockSample sample)
    {
        lock (_gate)
        {
            if (!_estimator.Add(sample)) return false;
            _lastOffsetUs = _estimator.OffsetUs;
            return true;
        }
    }

    public void Reset()
    {
        lock (_gate) _estimator.Reset();
    }

    public long ToControllerUs(long deviceUs) => deviceUs + OffsetUs;
    public long ToDeviceUs(long controllerUs) => controllerUs - OffsetUs;
}
