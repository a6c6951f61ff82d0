namespace InfoRadio.Controller.Relay;

/// <summary>
/// Watches one connection of a relayed source: when audio last arrived, and since when it has stayed under the
/// silence threshold. Pure logic on a <see cref="TimeProvider"/>; the decoder feeds it, the relay's watch loop asks
/// <see cref="Check"/>. Thread-safe (one feeder, one checker).
/// </summary>
public sealed class SourceHealthDetector
{
    private readonly TimeSpan _noDataTimeout;
    private readonly TimeSpan _silenceTimeout;
    private readonly float _thresholdRms;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private DateTimeOffset _lastAudio;
    private DateTimeOffset? _silentSince;

    /// <param name="thresholdRms">Linear RMS level under which a block of samples counts as silent.</param>
    public SourceHealthDetector(TimeSpan noDataTimeout, TimeSpan silenceTimeout, float thresholdRms, TimeProvider time)
    {
        _noDataTimeout = noDataTimeout;
        _silenceTimeout = silenceTimeout;
        _thresholdRms = thresholdRms;
        _time = time;
        Reset();
    }

    /// <summary>Whether this connection has delivered a block above the silence threshold.</summary>
    public bool HeardSound { get; private set; }

    /// <summary>Starts watching a new connection: the no-data clock starts now, nothing heard yet.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _lastAudio = _time.GetUtcNow();
            _silentSince = null;
            HeardSound = false;
        }
    }

    /// <summary>A block of decoded samples arrived now.</summary>
    public void OnAudio(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty) return;
        var sum = 0.0;
        foreach (var s in samples) sum += s * s;
        var rms = Math.Sqrt(sum / samples.Length);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            _lastAudio = now;
            if (rms >= _thresholdRms)
            {
                _silentSince = null;
                HeardSound = true;
            }
            else
            {
                _silentSince ??= now;
            }
        }
    }

    /// <summary>The verdict now: no data first (it says more), then silence.</summary>
    public SourceVerdict Check()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (now - _lastAudio > _noDataTimeout) return SourceVerdict.NoData;
            if (_silentSince is { } since && now - since > _silenceTimeout) return SourceVerdict.Silent;
            return SourceVerdict.Healthy;
        }
    }

    /// <summary>How long the source has been silent now (zero when it is not).</summary>
    public TimeSpan SilentFor
    {
        get
        {
            lock (_gate) return _silentSince is { } since ? _time.GetUtcNow() - since : TimeSpan.Zero;
        }
    }
}
