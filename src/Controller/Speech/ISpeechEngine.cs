using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Speech;

/// <summary>
/// One text-to-speech engine: speaks already normalized text (one sentence or a few) in a voice at a speed, in the
/// broadcast format. <see cref="SpeechSynthesizer"/> normalizes, splits and joins around it.
/// </summary>
public interface ISpeechEngine
{
    /// <summary>Names the engine and what changes its sound (e.g. its URL), so a cached rendering is tied to it.</summary>
    string Name { get; }

    /// <param name="speed">1.0 is the engine's normal rate; 0.5 half as fast, 2.0 twice as fast.</param>
    /// <exception cref="SpeechSynthesisException">The engine failed, timed out or answered with something that is not audio.</exception>
    Task<DecodedAudio> RenderAsync(string text, TtsVoice voice, double speed, CancellationToken ct);
}
