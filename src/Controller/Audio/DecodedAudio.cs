namespace InfoRadio.Controller.Audio;

/// <summary>Audio decoded to the broadcast format: 48 kHz, mono, float samples nominally in [-1, 1].</summary>
public sealed record DecodedAudio
{
    public const int SampleRate = 48_000;

    public required float[] Samples { get; init; }

    /// <summary>What the input was, for people and logs, e.g. "WAV PCM 16-bit 44100 Hz 2 ch".</summary>
    public required string SourceFormat { get; init; }

    public TimeSpan Duration => TimeSpan.FromSeconds(Samples.Length / (double)SampleRate);

    /// <summary>The parts played back to back, as one item (a playlist).</summary>
    public static DecodedAudio Concatenate(IReadOnlyList<DecodedAudio> parts, string sourceFormat)
    {
        var samples = new float[parts.Sum(p => (long)p.Samples.Length)];
        var at = 0;
        foreach (var part in parts)
        {
            part.Samples.CopyTo(samples, at);
            at += part.Samples.Length;
        }
        return new DecodedAudio { Samples = samples, SourceFormat = sourceFormat };
    }
}
