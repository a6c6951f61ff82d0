using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Scheduling;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Speech;

/// <summary>
/// Vietnamese text-to-speech as the rest of the controller uses it: normalizes the text
/// (<see cref="VietnameseTextNormalizer"/>), cuts it into sentences, has the configured engine speak each one and
/// joins them with a short pause. Renders at most <see cref="SpeechOptions.MaxConcurrentRenders"/> texts at a time.
/// </summary>
public sealed partial class SpeechSynthesizer : ISpeechSynthesizer, IDisposable
{
    private readonly ISpeechEngine _engine;
    private readonly SpeechOptions _options;
    private readonly ILogger<SpeechSynthesizer> _logger;
    private readonly SemaphoreSlim _gate;

    public SpeechSynthesizer(ISpeechEngine engine, IOptions<SpeechOptions> options, ILogger<SpeechSynthesizer> logger)
    {
        _engine = engine;
        _options = options.Value;
        _logger = logger;
        _gate = new SemaphoreSlim(_options.MaxConcurrentRenders, _options.MaxConcurrentRenders);
    }

    public string EngineName => _engine.Name;

    /// <summary>The text as it will be spoken in <paramref name="voice"/> (the southern voice reads "lẻ", "ngàn").</summary>
    public static string Normalize(string? text, TtsVoice voice) => VietnameseTextNormalizer.Normalize(text, voice == TtsVoice.Southern);

    public Task<DecodedAudio> SynthesizeAsync(string text, TtsVoice voice, double speed, CancellationToken ct) =>
        SynthesizeNormalizedAsync(Normalize(text, voice), voice, speed, ct);

    /// <summary>Speaks text already passed through <see cref="Normalize"/>.</summary>
    /// <exception cref="SpeechSynthesisException">Nothing to say, a bad voice or speed, or the engine failed.</exception>
    public async Task<DecodedAudio> SynthesizeNormalizedAsync(string normalized, TtsVoice voice, double speed, CancellationToken ct)
    {
        if (!Enum.IsDefined(voice)) throw new SpeechSynthesisException($"unknown voice {voice}");
        if (!(speed >= TtsBulletinContent.MinSpeed && speed <= TtsBulletinContent.MaxSpeed))
            throw new SpeechSynthesisException($"speed must be between {TtsBulletinContent.MinSpeed} and {TtsBulletinContent.MaxSpeed}");
        var chunks = SpeechChunker.Split(normalized ?? "", _options.MaxChunkCharacters);
        if (chunks.Count == 0) throw new SpeechSynthesisException("nothing to say: the text has no words");

        await _gate.WaitAsync(ct);
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var pause = new DecodedAudio { Samples = new float[_options.SentencePauseMs * DecodedAudio.SampleRate / 1000], SourceFormat = "silence" };
            var parts = new List<DecodedAudio>(chunks.Count * 2);
            foreach (var chunk in chunks)
            {
                ct.ThrowIfCancellationRequested();
                DecodedAudio spoken;
                try
                {
                    spoken = await _engine.RenderAsync(chunk, voice, speed, ct);
                }
                catch (Exception e) when (e is not (SpeechSynthesisException or OperationCanceledException))
                {
                    throw new SpeechSynthesisException($"{_engine.Name} failed: {e.GetType().Name}: {e.Message}", e);
                }
                if (parts.Count > 0 && pause.Samples.Length > 0) parts.Add(pause);
                parts.Add(spoken);
            }
            var audio = DecodedAudio.Concatenate(parts, $"speech by {_engine.Name} ({voice}, speed {speed:0.##})");
            if (audio.Samples.Length == 0) throw new SpeechSynthesisException($"{_engine.Name} produced no audio");
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            LogRendered(_engine.Name, voice, normalized!.Length, chunks.Count, audio.Duration.TotalSeconds, elapsed.TotalMilliseconds);
            return audio;
        }
        catch (SpeechSynthesisException e)
        {
            LogFailed(_engine.Name, voice, e.Message);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(EventId = 2500, Level = LogLevel.Information, Message = "Speech rendered by {Engine} ({Voice}): {Characters} characters in {Chunks} chunks, {Seconds:F1} s of audio in {Milliseconds:F0} ms")]
    private partial void LogRendered(string engine, TtsVoice voice, int characters, int chunks, double seconds, double milliseconds);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Warning, Message = "Speech by {Engine} ({Voice}) failed: {Problem}")]
    private partial void LogFailed(string engine, TtsVoice voice, string problem);
}
