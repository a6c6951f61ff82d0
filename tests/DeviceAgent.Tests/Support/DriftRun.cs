using InfoRadio.DeviceAgent.Playback;

namespace InfoRadio.DeviceAgent.Tests.Support;

/// <summary>
/// Runs a playout against a drifting controller on a fake clock, syncing on the agent's schedule (a burst, then
/// every 2 s until the drift converges, every 10 s after). Exchanges are perfect unless a jitter is given: then each
/// leg of each exchange takes an exponential delay of that mean, as over a real link, and the clock model wanders.
/// </summary>
internal sealed class DriftRun
{
    private readonly Random? _random;
    private readonly double _jitterUs;
    private long _lastCorrection = -1;
    private ulong _fed;
    private TimeSpan _nextSync;
    private int _burst = 5;

    public DriftRun(double driftPpm, bool realTime, double seconds, PlayoutSettings? settings = null, double jitterUs = 0, int seed = 1)
    {
        Sink = new CountingSink(realTime);
        Rig = new EngineRig(synchronize: false, decoder: () => new PositionFrames.Decoder(), sink: Sink, settings: settings);
        Controller = new DriftingController(Rig.Clock, EngineRig.OffsetUs, driftPpm);
        _jitterUs = jitterUs;
        if (jitterUs > 0) _random = new Random(seed);
        Epoch = Controller.NowUs + 500_000;
        Origin = Epoch + 1_000_000;
        End = (ulong)(seconds * 48_000);
        Rig.Engine.BlockWritten = OnBlock;
    }

    public EngineRig Rig { get; }
    public CountingSink Sink { get; }
    public DriftingController Controller { get; }
    public long Epoch { get; private set; }
    public long Origin { get; private set; }
    public ulong End { get; }
    public double WorstErrorSamples { get; private set; }
    public long Corrections { get; private set; }
    public long ClosestCorrections { get; private set; } = long.MaxValue;
    public int LargestStep { get; private set; }

    /// <summary>Time played (from the first <see cref="Play"/>) at which the drift first counted as converged.</summary>
    public TimeSpan? ConvergedAfter { get; private set; }

    /// <summary>
    /// Every block written, with the drift's convergence then, the playout's error against the true timeline and the
    /// clock model's own error at the block's instant (samples, positive: the model puts the stream ahead).
    /// </summary>
    public List<(PlayoutBlock Block, bool Converged, double ErrorSamples, double ModelErrorSamples)> Blocks { get; } = [];

    private TimeSpan _played;

    /// <summary>Syncs for <paramref name="duration"/> before anything plays; the session's epoch moves on with the time.</summary>
    public void Settle(TimeSpan duration)
    {
        for (var t = TimeSpan.Zero; t < duration; t += EngineRig.Tick)
        {
            SyncIfDue(t);
            Rig.Time.Advance(EngineRig.Tick);
        }
        _nextSync -= duration;
        Epoch = Controller.NowUs + 500_000;
        Origin = Epoch + 1_000_000;
    }

    private void OnBlock(PlayoutBlock block)
    {
        var timeline = Sink.Current!.Timeline!.Value;
        var deviceUs = timeline.DeviceUs + block.SinkIndex * 1e6 / 48_000;
        var ideal = (Controller.At(deviceUs) - Origin) * 48_000 / 1e6;
        var error = block.StreamPosition - ideal;
        var model = Rig.Clock.Model!.Value;
        var modelError = (model.ControllerElapsedUs((long)Math.Round(deviceUs), Origin) - (Controller.At(deviceUs) - Origin)) * 48_000 / 1e6;
        Blocks.Add((block, Rig.Clock.DriftConverged, error, modelError));
        WorstErrorSamples = Math.Max(WorstErrorSamples, Math.Abs(error));
        LargestStep = Math.Max(LargestStep, Math.Abs(block.StreamSamples - block.SinkSamples));
        if (block.StreamSamples == block.SinkSamples || block.StreamSamples == 0) return;
        Corrections++;
        if (_lastCorrection >= 0) ClosestCorrections = Math.Min(ClosestCorrections, block.SinkIndex - _lastCorrection);
        _lastCorrection = block.SinkIndex;
    }

    private void SyncIfDue(TimeSpan t)
    {
        if (t < _nextSync) return;
        if (_random is null) Controller.Exchange();
        else Controller.Exchange(_random, _jitterUs);
        _nextSync = t + (_burst-- > 0 ? TimeSpan.FromMilliseconds(200) : Rig.Clock.DriftConverged ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(2));
    }

    public void Play(TimeSpan duration, Func<ulong, bool>? deliver = null)
    {
        for (var t = TimeSpan.Zero; t < duration; t += EngineRig.Tick)
        {
            SyncIfDue(t);
            if (ConvergedAfter is null && Rig.Clock.DriftConverged) ConvergedAfter = _played;
            // The controller publishes each packet about when its stream instant comes, up to 200 ms early.
            var publishable = (Controller.NowUs - Epoch + 200_000) * 48 / 1_000;
            while (_fed < End && (long)_fed <= publishable)
            {
                var frames = (int)Math.Min(5, (End - _fed) / PositionFrames.FrameSamples);
                foreach (var packet in PositionFrames.Packets(7, _fed, frames, endAt: End))
                    if (deliver?.Invoke(packet.Position) ?? true) Rig.Engine.OnPacket(packet);
                _fed += (ulong)(frames * PositionFrames.FrameSamples);
            }
            Rig.Time.Advance(EngineRig.Tick);
            Rig.Engine.Tick();
            _played += EngineRig.Tick;
        }
        _nextSync -= duration;
    }
}
