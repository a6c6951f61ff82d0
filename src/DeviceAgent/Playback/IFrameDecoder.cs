namespace InfoRadio.DeviceAgent.Playback;

/// <summary>
/// Turns one session's encoded frames into 48 kHz mono PCM for the playout. Whatever it is fed, it fills exactly
/// the span it is given. The playout uses Opus (<see cref="OpusPlayoutDecoder"/>); simulations use cheaper ones.
/// </summary>
internal interface IFrameDecoder : IDisposable
{
    /// <summary>Decodes <paramref name="frame"/> into <paramref name="pcm"/>; false when concealment stood in for it.</summary>
    bool Decode(ReadOnlySpan<byte> frame, Span<short> pcm);

    /// <summary>Fills <paramref name="pcm"/> with a plausible continuation for a frame that never came.</summary>
    void Conceal(Span<short> pcm);

    /// <summary>
    /// Rebuilds a frame that never came from the in-band FEC of the frame after it, when the codec carries one;
    /// conceals otherwise. False when concealment stood in.
    /// </summary>
    bool Recover(ReadOnlySpan<byte> next, Span<short> pcm)
    {
        Conceal(pcm);
        return false;
    }

    /// <summary>Starts over (the sender restarted its encoder).</summary>
    void Reset();
}
