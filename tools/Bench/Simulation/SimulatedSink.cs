using InfoRadio.DeviceAgent.Playback;
using InfoRadio.DeviceAgent.Sinks;

namespace InfoRadio.Bench.Simulation;

/// <summary>
/// A sound card in the simulation: it starts sounding one buffer (its output latency) after the first write and
/// then plays exactly 48 kHz of its device's clock, so sample k sounds at <c>start + k / 48 kHz</c> device time,
/// and at the true time the device's clock maps that to. It checks that each sample arrived before its instant
/// (else the card would have underrun) and that each block holds the stream samples the playout says it does.
/// </summary>
internal sealed class SimulatedSink(DriftingTimeProvider clock, VirtualTime time, TimeSpan outputLatency) : IAudioSink
{
    private readonly Queue<PlayoutBlock> _blocks = new();
    private long _written;
    private double? _startDeviceUs;

    public string Name => "simulated";
    public TimeSpan OutputLatency => outputLatency;
    public bool IsRealTime => true;

    public int Takes { get; private set; }
    public long Underruns { get; private set; }
    public long ContentErrors { get; private set; }
    public long ContentChecks { get; private set; }

    /// <summary>True time (µs) at which sink sample <paramref name="index"/> of the take sounds.</summary>
    public double TrueUsOf(double index) =>
        _startDeviceUs is { } start ? clock.TrueUsAt(start + index * 1e6 / 48_000) : double.NaN;

    /// <summary>Told of each block before its samples arrive, to check them.</summary>
    public void Expect(PlayoutBlock block) => _blocks.Enqueue(block);

    public void Open(string session)
    {
        Takes++;
        _written = 0;
        _startDeviceUs = null;
        _blocks.Clear();
    }

    public void Write(ReadOnlySpan<short> samples)
    {
        var nowDevice = clock.DeviceUsAt(time.NowUs);
        _startDeviceUs ??= nowDevice + outputLatency.TotalMicroseconds;
        // The write must be in the card's buffer before its first sample's instant.
        if (nowDevice > _startDeviceUs.Value + _written * 1e6 / 48_000) Underruns++;
        while (_blocks.TryPeek(out var block) && block.SinkIndex < _written + samples.Length)
        {
            _blocks.Dequeue();
            if (block.SinkSamples == 0) continue;
            var first = samples[(int)(block.SinkIndex - _written)];
            var expected = block.StreamSamples == 0 ? (short)0 : PositionDecoder.Value(block.StreamPosition);
            ContentChecks++;
            if (first != expected && first != PositionDecoder.Concealed && first != 0) ContentErrors++;
        }
        _written += samples.Length;
    }

    public void Close()
    {
    }

    public void Dispose()
    {
    }
}
