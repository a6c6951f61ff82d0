using InfoRadio.Controller.Audio;

namespace InfoRadio.Controller.Tests.Speech;

/// <summary>Measures rendered speech.</summary>
internal static class SpeechAudio
{
    public static double Rms(DecodedAudio audio) =>
        audio.Samples.Length == 0 ? 0 : Math.Sqrt(audio.Samples.Average(s => (double)s * s));

    /// <summary>How much of the audio is above a quiet threshold, in 20 ms windows: speech has many, silence none.</summary>
    public static double VoicedFraction(DecodedAudio audio)
    {
        const int window = 960;
        var windows = audio.Samples.Length / window;
        if (windows == 0) return 0;
        var voiced = 0;
        for (var w = 0; w < windows; w++)
        {
            double sum = 0;
            for (var i = w * window; i < (w + 1) * window; i++) sum += audio.Samples[i] * (double)audio.Samples[i];
            if (Math.Sqrt(sum / window) > 0.02) voiced++;
        }
        return voiced / (double)windows;
    }
}
