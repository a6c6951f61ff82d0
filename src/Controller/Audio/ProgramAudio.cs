namespace InfoRadio.Controller.Audio;

/// <summary>
/// A program's audio in the broadcast format (48 kHz mono float), known by its length up front and read as a stream
/// when it airs: a stored file is decoded as it is sent, so memory does not grow with the program's length.
/// <see cref="Open"/> may be called more than once (each reader starts at the beginning).
/// </summary>
public abstract class ProgramAudio
{
    /// <summary>Exact length in 48 kHz samples; a reader yields exactly this many or fails.</summary>
    public abstract long SampleCount { get; }

    /// <summary>What the input was, for people and logs, e.g. "WAV PCM 16-bit 44100 Hz 2 ch".</summary>
    public abstract string SourceFormat { get; }

    public TimeSpan Duration => TimeSpan.FromSeconds(SampleCount / (double)DecodedAudio.SampleRate);

    /// <summary>Opens a reader at sample 0. Throws <see cref="AudioFormatException"/> when the source cannot be opened.</summary>
    public abstract ProgramAudioReader Open();

    /// <summary>The audio from sample <paramref name="from"/> on (clamped to the length); this one when 0.</summary>
    public ProgramAudio From(long from)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        return from == 0 ? this : Tail(Math.Min(from, SampleCount));
    }

    /// <summary>
    /// The audio from <paramref name="from"/> (0 &lt; from ≤ length) on. By default the skipped part is decoded and
    /// dropped; a real-time source (a relay) has no past to skip and gives a shorter program instead.
    /// </summary>
    protected virtual ProgramAudio Tail(long from) => new OffsetProgramAudio(this, from);

    /// <summary>Audio already decoded in memory (an upload, a test signal).</summary>
    public static ProgramAudio InMemory(DecodedAudio audio) => new MemoryProgramAudio(audio);

    /// <summary>The parts played back to back, as one program (a playlist).</summary>
    public static ProgramAudio Sequence(IReadOnlyList<ProgramAudio> parts, string sourceFormat) =>
        new SequenceProgramAudio(parts, sourceFormat);

    public static implicit operator ProgramAudio(DecodedAudio audio) => InMemory(audio);
}
