using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Speech;

/// <summary>
/// Vietnamese text-to-speech: the text as the controller would say it on air, in the broadcast format. The
/// implementation normalizes the text first (numbers, dates, times, units, abbreviations) and picks the configured
/// engine (espeak-ng built in; an HTTP engine by configuration).
/// </summary>
public interface ISpeechSynthesizer
{
    /// <exception cref="SpeechSynthesisException">The engine failed or the text has nothing to say.</exception>
    Task<DecodedAudio> SynthesizeAsync(string text, TtsVoice voice, double speed, CancellationToken ct);
}
