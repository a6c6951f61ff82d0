namespace InfoRadio.Protocol.Clock;

/// <summary>
/// Estimates the controller's clock as offset and drift (<see cref="ClockModel"/>) of the device clock from a window
/// of NTP-style exchanges, and notices when either clock is stepped. Not thread-safe.
/// <para>
/// Each exchange bounds the offset θ from both sides whatever the network did: the request cannot arrive before it
/// was sent, so <c>T1 − T0 ≥ θ(T0)</c>; the response cannot arrive before it left, so <c>T2 − T3 ≤ θ(T3)</c>. Over
/// many exchanges the tightest bounds trace two straight lines (the envelopes), one per direction, each as far from
/// θ as that direction's smallest delay. The drift is the envelopes' slope; the offset is the middle between them.
/// Each direction needs to see only its own fast exchanges, not both legs of one exchange at once, and both drift
/// and offset rest on the best exchanges of the whole window rather than on a single one. As with NTP, a path
/// slower one way than the other biases the offset by half the difference: nothing measured at the ends can tell.
/// </para>
/// </summary>
public sealed partial class ClockDriftEstimator
{
    private readonly ClockDriftEstimatorOptions _options;
    private readonly List<ClockSample> _samples = [];
    private double _priorDriftPpm;
    private double _priorUncertaintyPpm;
    private ClockModel? _model;
    private double _driftUncertaintyPpm;

    public ClockDriftEstimator(ClockDriftEstimatorOptions? options = null)
    {
        _options = options ?? new ClockDriftEstimatorOptions();
        _options.Validate();
        _priorUncertaintyPpm = _options.PriorDriftUncertaintyPpm;
        _driftUncertaintyPpm = _priorUncertaintyPpm;
    }

    public ClockDriftEstimatorOptions Options => _options;
    public int Count => _samples.Count;
    public bool IsSynchronized => _samples.Count > 0;

    /// <summary>The current model, or null before the first sample (and after <see cref="Reset"/>).</summary>
    public ClockModel? Model => _model;

    /// <summary>Best drift known, ppm: measured once there are samples, otherwise the prior (kept across resets).</summary>
    public double DriftPpm => _model?.DriftPpm ?? _priorDriftPpm;

    /// <summary>Standard uncertainty of <see cref="DriftPpm"/>, ppm.</summary>
    public double DriftUncertaintyPpm => _driftUncertaintyPpm;

    /// <summary>True once the drift is known to <see cref="ClockDriftEstimatorOptions.ConvergedDriftPpm"/>.</summary>
    public bool DriftConverged => IsSynchronized && _driftUncertaintyPpm <= _options.ConvergedDriftPpm;

    /// <summary>Lowest round trip in the window, or null without samples.</summary>
    public long? BestRoundTripUs
    {
        get
        {
            long? best = null;
            foreach (var s in _samples)
                if (best is null || s.RoundTripUs < best) best = s.RoundTripUs;
            return best;
        }
    }

    /// <summary>Clock steps detected since construction.</summary>
    public long Jumps { get; private set; }

    /// <summary>Adds an exchange and refits the model; see <see cref="ClockAddResult"/>.</summary>
    public ClockAddResult Add(ClockSample sample)
    {
        if (!sample.IsPlausible) return ClockAddResult.Implausible;
        var result = ClockAddResult.Accepted;
        if (_model is { } model && Contradicts(model, sample))
        {
            Jumps++;
            // A step changes where a clock stands, not how fast it runs: the drift carries over.
            Reset();
            result = ClockAddResult.Jump;
        }
        _samples.Add(sample);
        Evict(sample);
        Refit();
        return result;
    }

    /// <summary>
    /// Forgets every sample; there is no model until the next one. The drift stays as the prior for what follows
    /// (with the uncertainty it had) unless <paramref name="keepDrift"/> is false: the oscillators did not change
    /// because the link dropped or a clock was set.
    /// </summary>
    public void Reset(bool keepDrift = true)
    {
        if (!keepDrift)
        {
            _priorDriftPpm = 0;
            _priorUncertaintyPpm = _options.PriorDriftUncertaintyPpm;
        }
        else if (_model is { } model)
        {
            _priorDriftPpm = model.DriftPpm;
            _priorUncertaintyPpm = Math.Min(_driftUncertaintyPpm, _options.PriorDriftUncertaintyPpm);
        }
        _driftUncertaintyPpm = _priorUncertaintyPpm;
        _samples.Clear();
        _model = null;
    }

    /// <summary>Controller time at <paramref name="deviceUs"/> (the device time itself before the first sample).</summary>
    public long ToControllerUs(long deviceUs) => _model?.ToControllerUs(deviceUs) ?? deviceUs;

    /// <summary>Device time at which the controller's clock reads <paramref name="controllerUs"/>.</summary>
    public long ToDeviceUs(long controllerUs) => _model?.ToDeviceUs(controllerUs) ?? controllerUs;

    /// <summary>
    /// True when the sample cannot come from the same two clocks as the window's samples:
    /// <list type="bullet">
    /// <item>its bounds on the offset and the window's do not overlap (both hold the true offset whatever the
    /// network did, so they always overlap unless a clock was stepped); or</item>
    /// <item>it beats the fastest exchange of one direction by far more than chance allows: a step smaller than
    /// the path's delay shows that way (the request seems to arrive impossibly fast, or the response), and a
    /// path that truly got faster by as much also deserves a fresh start.</item>
    /// </list>
    /// The window's envelopes are carried along the drift and loosened by three times its uncertainty; the
    /// tolerance covers timestamps taken a little off the wire.
    /// </summary>
    private bool Contradicts(ClockModel model, ClockSample s)
    {
        var tolerance = _options.JumpTolerance.TotalMicroseconds;
        double Carried(long at, double bound, int side) =>
            bound + model.DriftPpm * 1e-6 * (at - model.ReferenceDeviceUs) + side * JumpSigmas * _driftUncertaintyPpm * 1e-6 * Math.Abs(at - model.ReferenceDeviceUs);
        var up = s.T1Us - s.T0Us;
        var down = s.T2Us - s.T3Us;
        var chance = double.IsFinite(_bounds.ChanceUs) ? tolerance + _bounds.ChanceUs : double.PositiveInfinity;
        return up < Carried(s.T0Us, _bounds.LowerLow, -1) - tolerance
            || down > Carried(s.T3Us, _bounds.UpperHigh, +1) + tolerance
            || up < Carried(s.T0Us, _bounds.UpperLow, -1) - chance
            || down > Carried(s.T3Us, _bounds.LowerHigh, +1) + chance;
    }

    private void Evict(ClockSample newest)
    {
        var oldest = newest.T3Us - (long)_options.Window.TotalMicroseconds;
        _samples.RemoveAll(s => s.T3Us < oldest);
        if (_samples.Count > _options.MaxSamples) _samples.RemoveRange(0, _samples.Count - _options.MaxSamples);
    }
}
