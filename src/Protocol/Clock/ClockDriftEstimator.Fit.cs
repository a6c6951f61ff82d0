namespace InfoRadio.Protocol.Clock;

/// <summary>The fit: drift from the envelopes' slope, offset from their middle.</summary>
public sealed partial class ClockDriftEstimator
{
    /// <summary>
    /// Noise of the timestamps themselves (taken by busy processes, not on the wire): the floor of the envelopes'
    /// scatter, so that a few exchanges that happen to line up are not taken for a precise drift.
    /// </summary>
    private const double TimestampNoiseUs = 100;

    /// <summary>Stretches of time the drift's error estimate cuts the window into: one per this many samples, 2 to 12.</summary>
    private const int SamplesPerSegment = 3;
    private const int MaxSegments = 12;

    /// <summary>A scatter from fewer degrees of freedom than this says too little to trust a drift on.</summary>
    private const int MinDegreesOfFreedom = 3;

    /// <summary>How many standard uncertainties of drift an old bound is loosened by per unit of its age.</summary>
    private const double LooseningSigmas = 0.3;

    /// <summary>Loosening of the bounds a new sample is checked against before it is called a clock step.</summary>
    private const double JumpSigmas = 3;

    /// <summary>
    /// An exchange beating an envelope by more than this many (jitter / samples) is no chance: the path got faster
    /// or a clock was stepped. The chance of a false alarm is about e^-10 per exchange.
    /// </summary>
    private const double JumpJitters = 10;

    /// <summary>Below this many samples the envelopes are too young to judge by; only contradictions count.</summary>
    private const int MinSamplesForEnvelopeJumps = 5;

    private const int SearchIterations = 60;

    private double[] _xu = [], _yu = [], _xd = [], _yd = [];
    private long _reference;

    /// <summary>
    /// Each direction's envelope at the reference instant, loosened either way by three uncertainties of drift for
    /// each sample's age, and how far an exchange may beat an envelope by chance (the envelope rests on the fastest
    /// of n exchanges, so it sits about jitter / n above the true fastest delay).
    /// </summary>
    private readonly record struct Envelopes(double UpperLow, double UpperHigh, double LowerLow, double LowerHigh, double ChanceUs);

    private Envelopes _bounds;

    private void Refit()
    {
        var n = _samples.Count;
        _reference = long.MinValue;
        var first = long.MaxValue;
        foreach (var s in _samples)
        {
            _reference = Math.Max(_reference, s.T3Us);
            first = Math.Min(first, s.T0Us);
        }
        // Offsets may be huge (a device clock never set); fit their differences from one of them, in doubles.
        var baseOffset = _samples[^1].OffsetUs;
        if (_xu.Length < n) (_xu, _yu, _xd, _yd) = (new double[n * 2], new double[n * 2], new double[n * 2], new double[n * 2]);
        for (var i = 0; i < n; i++)
        {
            var s = _samples[i];
            _xu[i] = s.T0Us - _reference;
            _yu[i] = (s.T1Us - s.T0Us) - baseOffset;
            _xd[i] = s.T3Us - _reference;
            _yd[i] = (s.T2Us - s.T3Us) - baseOffset;
        }

        var (fitted, fitUncertaintyPpm) = FitSlope(n, first - _reference, _reference - first);
        // The measurement and the prior, each weighted by its uncertainty: a short window says little about drift.
        var wFit = double.IsFinite(fitUncertaintyPpm) ? 1 / (fitUncertaintyPpm * fitUncertaintyPpm) : 0;
        var wPrior = 1 / (_priorUncertaintyPpm * _priorUncertaintyPpm);
        var driftPpm = (fitted * 1e6 * wFit + _priorDriftPpm * wPrior) / (wFit + wPrior);
        driftPpm = Math.Clamp(driftPpm, _priorDriftPpm - _options.MaxDriftPpm, _priorDriftPpm + _options.MaxDriftPpm);
        _driftUncertaintyPpm = 1 / Math.Sqrt(wFit + wPrior);

        // The offset: each direction's tightest bound carried along the drift to the newest sample. A bound from
        // further back is loosened by what the drift's uncertainty may have moved it on the way (as NTP lets a
        // sample's dispersion grow with its age), so an old fast exchange wins only when it is worth it.
        var drift = driftPpm * 1e-6;
        var loosening = LooseningSigmas * _driftUncertaintyPpm * 1e-6;
        var wide = JumpSigmas * _driftUncertaintyPpm * 1e-6;
        double upper = double.PositiveInfinity, lower = double.NegativeInfinity;
        double upperLow = double.PositiveInfinity, upperHigh = double.PositiveInfinity;
        double lowerLow = double.NegativeInfinity, lowerHigh = double.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            // x ≤ 0 for every sample but a request sent after the newest response arrived.
            var up = _yu[i] - drift * _xu[i];
            var down = _yd[i] - drift * _xd[i];
            upper = Math.Min(upper, up + loosening * Math.Abs(_xu[i]));
            lower = Math.Max(lower, down - loosening * Math.Abs(_xd[i]));
            upperLow = Math.Min(upperLow, up - wide * Math.Abs(_xu[i]));
            upperHigh = Math.Min(upperHigh, up + wide * Math.Abs(_xu[i]));
            lowerLow = Math.Max(lowerLow, down - wide * Math.Abs(_xd[i]));
            lowerHigh = Math.Max(lowerHigh, down + wide * Math.Abs(_xd[i]));
        }
        _model = new ClockModel(_reference, baseOffset + (upper + lower) / 2, driftPpm);
        _bounds = new Envelopes(baseOffset + upperLow, baseOffset + upperHigh, baseOffset + lowerLow, baseOffset + lowerHigh,
            JitterScaleUs(n, drift, upperLow, lowerHigh) * JumpJitters / n);
    }

    /// <summary>
    /// Typical delay of an exchange beyond the fastest of its direction (median excess over the envelopes; for
    /// exponential jitter the median is ln 2 of the mean). Infinite below <see cref="MinSamplesForEnvelopeJumps"/>.
    /// </summary>
    private double JitterScaleUs(int n, double drift, double upperEnvelope, double lowerEnvelope)
    {
        if (n < MinSamplesForEnvelopeJumps) return double.PositiveInfinity;
        var excess = new double[2 * n];
        for (var i = 0; i < n; i++)
        {
            excess[i] = Math.Max(0, _yu[i] - drift * _xu[i] - upperEnvelope);
            excess[n + i] = Math.Max(0, lowerEnvelope - (_yd[i] - drift * _xd[i]));
        }
        Array.Sort(excess);
        return excess[n] / Math.Log(2);
    }

    /// <summary>
    /// The drift and its standard error (ppm; infinite when the window cannot tell). The error comes from a
    /// robust line fit: the window is cut into equal stretches of time, the fastest request and the fastest
    /// response of each stretch stand for it, and one least-squares line per direction goes through those points
    /// with a common slope; their scatter about the lines gives the slope's standard error. The slope itself is
    /// then refined on the envelopes proper (<see cref="HullSlope"/>), which rest on the very best exchanges and
    /// come out a few times more precise than the line (and than a regression of the offsets), within ±5 of the
    /// line's standard errors. Cutting by time keeps a dense stretch (a burst, the fast phase) from outweighing the rest.
    /// </summary>
    private (double Slope, double UncertaintyPpm) FitSlope(int n, double firstX, long spanUs)
    {
        if (spanUs <= 0 || n < 3) return (0, double.PositiveInfinity);
        var segments = Math.Clamp(n / SamplesPerSegment, 2, MaxSegments);
        var up = new Direction(_xu, _yu, segments, lowest: true);
        var down = new Direction(_xd, _yd, segments, lowest: false);
        for (var i = 0; i < n; i++)
        {
            var segment = (int)Math.Clamp((_xu[i] - firstX) * segments / spanUs, 0, segments - 1);
            up.Offer(segment, i);
            down.Offer(segment, i);
        }
        up.Centre();
        down.Centre();
        var sxx = up.Sxx + down.Sxx;
        var groups = (up.Count > 0 ? 1 : 0) + (down.Count > 0 ? 1 : 0);
        var dof = up.Count + down.Count - groups - 1;
        if (dof < MinDegreesOfFreedom || sxx <= 0) return (0, double.PositiveInfinity);
        var lineSlope = (up.Sxy + down.Sxy) / sxx;
        var scatter = Math.Sqrt((up.SquaredResiduals(lineSlope) + down.SquaredResiduals(lineSlope)) / dof);
        // A scatter from a handful of points can come out small by luck; it is not believed below what the
        // exchanges' own spread says the fastest of each stretch should scatter by.
        var expected = RoundTripJitterUs(n) / Math.Max(1.0, (double)n / segments);
        var uncertaintyPpm = Math.Max(scatter, Math.Max(expected, TimestampNoiseUs)) / Math.Sqrt(sxx) * 1e6;

        var middle = firstX + spanUs / 2.0;
        var reach = Math.Max(5 * uncertaintyPpm, 1) * 1e-6;
        var slope = (HullSlope(_xu, _yu, n, middle, below: true, lineSlope - reach, lineSlope + reach)
            + HullSlope(_xd, _yd, n, middle, below: false, lineSlope - reach, lineSlope + reach)) / 2;
        return (slope, uncertaintyPpm);
    }

    /// <summary>
    /// Typical extra delay of one direction of an exchange, from the round trips alone (no drift needed): half the
    /// median excess of a round trip over the fastest, scaled for two exponential legs (median 1.68 of the mean).
    /// </summary>
    private double RoundTripJitterUs(int n)
    {
        var trips = new long[n];
        for (var i = 0; i < n; i++) trips[i] = _samples[i].RoundTripUs;
        Array.Sort(trips);
        return (trips[n / 2] - trips[0]) / 1.68;
    }

    /// <summary>
    /// Slope of one direction's envelope: the line under the request points (over the response points) that is
    /// highest (lowest) at the middle of the window, i.e. the hull edge spanning the middle. That height is a
    /// minimum (maximum) of lines, concave (convex) in the slope, so a golden-section search finds it.
    /// </summary>
    private static double HullSlope(double[] xs, double[] ys, int n, double at, bool below, double lo, double hi)
    {
        double Height(double slope)
        {
            var h = below ? double.PositiveInfinity : double.NegativeInfinity;
            for (var i = 0; i < n; i++)
            {
                var y = ys[i] - slope * (xs[i] - at);
                h = below ? Math.Min(h, y) : Math.Max(h, y);
            }
            return below ? h : -h;
        }

        const double Ratio = 0.6180339887498949;
        double a = lo, b = hi;
        var c = b - Ratio * (b - a);
        var d = a + Ratio * (b - a);
        double hc = Height(c), hd = Height(d);
        for (var i = 0; i < SearchIterations; i++)
        {
            if (hc < hd)
            {
                a = c;
                (c, hc) = (d, hd);
                d = a + Ratio * (b - a);
                hd = Height(d);
            }
            else
            {
                b = d;
                (d, hd) = (c, hc);
                c = b - Ratio * (b - a);
                hc = Height(c);
            }
        }
        return (a + b) / 2;
    }

    /// <summary>The best point of each stretch of time for one direction, and their sums about their means.</summary>
    private ref struct Direction
    {
        private readonly double[] _xs;
        private readonly double[] _ys;
        private readonly bool _lowest;
        private readonly Span<int> _best;
        private double _mx, _my;

        public Direction(double[] xs, double[] ys, int segments, bool lowest)
        {
            _xs = xs;
            _ys = ys;
            _lowest = lowest;
            _best = new int[segments];
            _best.Fill(-1);
        }

        public int Count { get; private set; }
        public double Sxx { get; private set; }
        public double Sxy { get; private set; }

        public readonly void Offer(int segment, int i)
        {
            var current = _best[segment];
            if (current < 0 || (_lowest ? _ys[i] < _ys[current] : _ys[i] > _ys[current])) _best[segment] = i;
        }

        public void Centre()
        {
            foreach (var i in _best)
            {
                if (i < 0) continue;
                _mx += _xs[i];
                _my += _ys[i];
                Count++;
            }
            if (Count == 0) return;
            _mx /= Count;
            _my /= Count;
            foreach (var i in _best)
            {
                if (i < 0) continue;
                var dx = _xs[i] - _mx;
                Sxx += dx * dx;
                Sxy += dx * (_ys[i] - _my);
            }
        }

        public readonly double SquaredResiduals(double slope)
        {
            double sum = 0;
            foreach (var i in _best)
            {
                if (i < 0) continue;
                var r = _ys[i] - _my - slope * (_xs[i] - _mx);
                sum += r * r;
            }
            return sum;
        }
    }
}
