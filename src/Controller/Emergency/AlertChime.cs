using InfoRadio.Controller.Audio;

namespace InfoRadio.Controller.Emergency;

/// <summary>
/// The built-in alert chime: three descending bell-like tones (G5, E5, C5, the familiar public-address attention
/// signal), 1.8 s in all. Each tone is a fundamental with a soft octave partial, struck and decaying, so it carries
/// over horn speakers without sounding like a test tone or a siren.
/// </summary>
public static class AlertChime
{
    public const string SourceFormat = "alert chime (built in)";

    private static readonly double[] Pitches = [783.99, 659.26, 523.25];
    private const double ToneSeconds = 0.55;
    private const double TailSeconds = 0.15;
    private const float Peak = 0.7f;

    /// <summary>Length in samples: three tones and a short tail.</summary>
    public static int SampleCount => (int)((Pitches.Length * ToneSeconds + TailSeconds) * DecodedAudio.SampleRate);

    public static DecodedAudio Generate()
    {
        var rate = DecodedAudio.SampleRate;
        var samples = new float[SampleCount];
        var toneSamples = (int)(ToneSeconds * rate);
        // A tone rings on under the next one, as a struck bell does, for up to a second.
        var ringSamples = rate;
        for (var t = 0; t < Pitches.Length; t++)
        {
            var start = t * toneSamples;
            for (var i = 0; i < ringSamples && start + i < samples.Length; i++)
            {
                var seconds = i / (double)rate;
                var attack = Math.Min(1.0, i / (0.005 * rate)); // 5 ms: no click
                var envelope = attack * Math.Exp(-seconds * 4.0);
                var phase = 2 * Math.PI * Pitches[t] * seconds;
                samples[start + i] += (float)(Peak * envelope * (0.8 * Math.Sin(phase) + 0.2 * Math.Sin(2 * phase)));
            }
        }
        // Overlapping rings may add up: keep the peak where it was meant to be.
        var max = samples.Max(Math.Abs);
        if (max > Peak) for (var i = 0; i < samples.Length; i++) samples[i] *= Peak / max;
        // Fade the last 20 ms so the chime ends without a click.
        var fade = rate / 50;
        for (var i = 0; i < fade; i++) samples[^(i + 1)] *= i / (float)fade;
        return new DecodedAudio { Samples = samples, SourceFormat = SourceFormat };
    }
}
