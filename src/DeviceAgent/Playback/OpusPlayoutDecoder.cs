namespace InfoRadio.DeviceAgent.Playback;

/// <summary>The playout's decoder: <see cref="OpusFrameDecoder"/> behind <see cref="IFrameDecoder"/>.</summary>
internal sealed class OpusPlayoutDecoder(OpusFrameDecoder inner) : IFrameDecoder
{
    public OpusFrameDecoder Inner => inner;
    public bool Decode(ReadOnlySpan<byte> frame, Span<short> pcm) => inner.Decode(frame, pcm);
    public void Conceal(Span<short> pcm) => inner.Conceal(pcm);
    public bool Recover(ReadOnlySpan<byte> next, Span<short> pcm) => inner.Recover(next, pcm);
    public void Reset() => inner.Reset();
    public void Dispose() => inner.Dispose();
}
