namespace InfoRadio.Protocol.Clock;

/// <summary>
/// Estimates controller time from the device clock out of a window of recent exchanges. The exchange with the
/// lowest round trip bounds the asymmetry error best, so its offset is taken (NTP's clock filter).
/// </summary>
public sealed class ClockOffsetEstimator(int window = 8)
{
    // A window of 0 would make Add evict from an empty list.
    private readonly int _window = window >= 1 ? window : throw new ArgumentOutOfRangeException(nameof(window), window, "the window holds at least one sample");
    private readonly List<ClockSample> _samples = new(Math.Max(window, 1));

    public int Count => _samples.Count;
    public bool IsSynchronized => _samples.Count > 0;

    /// <summary>Best current estimate of controller minus device clock, µs (0 until the first sample).</summary>
    public long OffsetUs => Best?.OffsetUs ?? 0;

    /// <summary>Round trip of the sample the estimate rests on; its half bounds the estimate's error.</summary>
    public long? BestRoundTripUs => Best?.RoundTripUs;

    private ClockSample? Best
    {
        get
        {
            ClockSample? best = null;
            foreach (var s in _samples)
                if (best is null || s.RoundTripUs < best.Value.RoundTripUs) best = s;
            return best;
        }
    }

    /// <summary>Adds an exchange; returns false (and keeps nothing) for an implausible one.</summary>
    public bool Add(ClockSample sample)
    {
        if (!sample.IsPlausible) return false;
        if (_samples.Count == _window) _samples.RemoveAt(0);
        _samples.Add(sample);
        return true;
    }

    /// <summary>Forgets every sample, e.g. after a reconnect or a detected clock jump.</summary>
    public void Reset() => _samples.Clear();

    public long ToControllerUs(long deviceUs) => deviceUs + OffsetUs;
    public long ToDeviceUs(long controllerUs) => controllerUs - OffsetUs;
}
