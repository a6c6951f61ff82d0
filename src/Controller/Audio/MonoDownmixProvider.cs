using NAudio.Wave;

namespace InfoRadio.Controller.Audio;

/// <summary>
/// Averages any number of interleaved channels to mono, turns NaN/infinite samples into silence and clips to
/// [-1, 1]. Counts the frames it passed on.
/// </summary>
internal sealed class MonoDownmixProvider : ISampleProvider
{
    private readonly ISampleProvider _source;
    private readonly int _channels;
    private float[] _scratch = [];
    private bool _sourceEnded;

    public MonoDownmixProvider(ISampleProvider source)
    {
        _source = source;
        _channels = source.WaveFormat.Channels;
        WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(source.WaveFormat.SampleRate, 1);
    }

    public WaveFormat WaveFormat { get; }

    /// <summary>Frames of the source passed on so far.</summary>
    public long SourceFrames { get; private set; }

    public int Read(Span<float> buffer)
    {
        var written = 0;
        while (written < buffer.Length && !_sourceEnded)
        {
            written += ReadFrames(buffer[written..]);
        }
        return written;
    }

    private int ReadFrames(Span<float> destination)
    {
        var wanted = destination.Length * _channels;
        if (_scratch.Length < wanted) _scratch = new float[wanted];
        var scratch = _scratch.AsSpan(0, wanted);
        // Both sources here (WaveFileReader over a seekable stream, NLayer) only read short at their end, and
        // WaveFileReader refuses to be asked for a partial block: a short read ends the source, and a trailing
        // partial frame is dropped.
        var got = Math.Max(0, _source.Read(scratch));
        if (got < wanted) _sourceEnded = true;
        var frames = got / _channels;
        for (var i = 0; i < frames; i++)
        {
            var sum = 0.0f;
            var frame = scratch.Slice(i * _channels, _channels);
            foreach (var sample in frame) sum += sample;
            destination[i] = Sanitize(sum / _channels);
        }
        SourceFrames += frames;
        return frames;
    }

    private static float Sanitize(float x) => float.IsNaN(x) ? 0f : Math.Clamp(x, -1f, 1f);
}
