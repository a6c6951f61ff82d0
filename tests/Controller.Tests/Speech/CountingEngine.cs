using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Speech;

namespace InfoRadio.Controller.Tests.Speech;

/// <summary>A real engine that counts its calls and can be told to fail.</summary>
internal sealed class CountingEngine(ISpeechEngine inner) : ISpeechEngine
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public List<string> Texts { get; } = [];

    public string? FailWith { get; set; }

    public string Name => inner.Name;

    public Task<DecodedAudio> RenderAsync(string text, TtsVoice voice, double speed, CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        lock (Texts) Texts.Add(text);
        if (FailWith is { } problem) throw new SpeechSynthesisException(problem);
        return inner.RenderAsync(text, voice, speed, ct);
    }
}
