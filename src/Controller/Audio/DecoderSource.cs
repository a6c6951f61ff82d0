using NAudio.Wave;

namespace InfoRadio.Controller.Audio;

/// <summary>An opened input: interleaved float samples at the source's own rate and channel count.</summary>
internal sealed class DecoderSource(ISampleProvider provider, string description, long? frameCount, IDisposable owner)
    : IDisposable
{
    public ISampleProvider Provider { get; } = provider;

    /// <summary>e.g. "WAV PCM 16-bit 44100 Hz 2 ch".</summary>
    public string Description { get; } = description;

    /// <summary>Sample frames the source holds when its header says so; null when only decoding tells.</summary>
    public long? FrameCount { get; } = frameCount;

    public void Dispose() => owner.Dispose();
}
