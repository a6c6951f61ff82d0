using InfoRadio.Protocol;

namespace InfoRadio.DeviceAgent.Playback;

/// <summary>The test tone: a sine paced in real time from the instant it started, for a technician on site.</summary>
internal sealed class ToneRun(long startDeviceUs, TimeSpan duration, double frequencyHz = 1_000, double amplitude = 0.5)
{
    public const string SinkName = "test-tone";

    public long StartDeviceUs { get; } = startDeviceUs;
    public ulong TotalSamples { get; } = Timeline.SamplesIn(duration);
    public ulong Written { get; private set; }

    public bool IsComplete => Written >= TotalSamples;

    /// <summary>Fills <paramref name="pcm"/> (at most the rest of the tone) and returns the samples produced.</summary>
    public int Render(Span<short> pcm)
    {
        var count = (int)Math.Min((ulong)pcm.Length, TotalSamples - Written);
        var step = 2 * Math.PI * frequencyHz / ProtocolVersion.SampleRate;
        for (var i = 0; i < count; i++)
            pcm[i] = (short)Math.Round(amplitude * short.MaxValue * Math.Sin(step * (double)(Written + (ulong)i)));
        Written += (ulong)count;
        return count;
    }
}
