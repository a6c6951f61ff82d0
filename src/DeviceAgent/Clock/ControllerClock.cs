using InfoRadio.Protocol.Clock;

namespace InfoRadio.DeviceAgent.Clock;

/// <summary>
/// The agent's two clocks, thread-safe, for the playout, the clock sync, events and telemetry.
/// <para>
/// The device clock is unix µs as read once at start, carried forward by the monotonic timestamp: a wall clock
/// set or stepped under the running agent (NTP, an RTC, a technician) cannot move the playout or the sync, which
/// both live on this clock. Its rate is the box's oscillator, the one the sound card runs on too.
/// </para>
/// <para>
/// The controller clock is the <see cref="ClockDriftEstimator"/>'s model of it. After a reset the last model stays
/// in use until a new sample arrives: a reconnect or a resync command does not move either clock, and dropping
/// the model meanwhile would shift a playing session by the whole offset.
/// </para>
/// </summary>
internal sealed class ControllerClock
{
    private readonly Lock _gate = new();
    private readonly ClockDriftEstimator _estimator;
    private readonly TimeProvider _time;
    private readonly long _originTimestamp;
    private readonly long _originUs;
    private ClockModel? _model;

    public ControllerClock(TimeProvider time, ClockDriftEstimatorOptions? options = null)
    {
        _time = time;
        _estimator = new ClockDriftEstimator(options);
        _originTimestamp = time.GetTimestamp();
        _originUs = DeviceTime.NowUs(time);
    }

    /// <summary>Device clock now, unix µs (see the class remarks).</summary>
    public long DeviceNowUs => _originUs + _time.GetElapsedTime(_originTimestamp).Ticks / 10;

    /// <summary>The controller's clock now as estimated (the device clock itself before any sample).</summary>
    public long ControllerNowUs => ToControllerUs(DeviceNowUs);

    /// <summary>True when at least one sample was taken since the last reset.</summary>
    public bool IsSynchronized
    {
        get { lock (_gate) return _estimator.IsSynchronized; }
    }

    /// <summary>Samples in the estimator's window.</summary>
    public int SampleCount
    {
        get { lock (_gate) return _estimator.Count; }
    }

    /// <summary>True once any sample was ever taken: the model is then usable for playout.</summary>
    public bool HasOffset
    {
        get { lock (_gate) return _model is not null; }
    }

    /// <summary>The model in use, or null before the first sample.</summary>
    public ClockModel? Model
    {
        get { lock (_gate) return _model; }
    }

    /// <summary>Controller minus device clock now, µs (0 before the first sample).</summary>
    public long OffsetUs
    {
        get
        {
            var model = Model;
            return model is { } m ? (long)Math.Round(m.OffsetAt(DeviceNowUs)) : 0;
        }
    }

    public double DriftPpm
    {
        get { lock (_gate) return _model?.DriftPpm ?? _estimator.DriftPpm; }
    }

    public double DriftUncertaintyPpm
    {
        get { lock (_gate) return _estimator.DriftUncertaintyPpm; }
    }

    /// <summary>The model in use and what is known of its drift, read together.</summary>
    public (ClockModel? Model, DriftEstimate Drift) Estimate
    {
        get
        {
            lock (_gate)
            {
                return (_model, new DriftEstimate(_model?.DriftPpm ?? _estimator.DriftPpm, _estimator.DriftUncertaintyPpm, _estimator.DriftConverged));
            }
        }
    }

    /// <summary>True once the drift is known well (the sync can slow down).</summary>
    public bool DriftConverged
    {
        get { lock (_gate) return _estimator.DriftConverged; }
    }

    public long? BestRoundTripUs
    {
        get { lock (_gate) return _estimator.BestRoundTripUs; }
    }

    /// <summary>Clock steps detected (either clock) since the agent started.</summary>
    public long Jumps
    {
        get { lock (_gate) return _estimator.Jumps; }
    }

    public ClockAddResult Add(ClockSample sample)
    {
        lock (_gate)
        {
            var result = _estimator.Add(sample);
            if (result != ClockAddResult.Implausible) _model = _estimator.Model;
            return result;
        }
    }

    /// <summary>
    /// Puts a model kept from an earlier run in use until the first sample of this one replaces it; ignored once the
    /// clock has a model of its own. Samples are not restored: <see cref="IsSynchronized"/> stays false.
    /// </summary>
    public bool Restore(ClockModel model)
    {
        lock (_gate)
        {
            if (_model is not null) return false;
            _model = model;
            return true;
        }
    }

    /// <summary>Forgets every sample (the model in use stays until the next one); see <see cref="ClockDriftEstimator.Reset"/>.</summary>
    public void Reset(bool keepDrift = true)
    {
        lock (_gate) _estimator.Reset(keepDrift);
    }

    public long ToControllerUs(long deviceUs) => Model is { } m ? m.ToControllerUs(deviceUs) : deviceUs;
    public long ToDeviceUs(long controllerUs) => Model is { } m ? m.ToDeviceUs(controllerUs) : controllerUs;
}
