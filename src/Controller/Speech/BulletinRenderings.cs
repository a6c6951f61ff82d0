using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InfoRadio.Controller.Media;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Speech;

/// <summary>
/// Speech renderings kept in the media library (16-bit 48 kHz WAV items), found again by a hash of what makes the
/// sound: the normalized text, the voice, the speed and the engine. A bulletin is therefore rendered once, however
/// often it airs; a rendering whose media item was deleted is rendered again. Renders of the same key at the same
/// time share one engine run. The scheduler's <see cref="ITtsBulletinRenderings"/>.
/// </summary>
public sealed partial class BulletinRenderings : ITtsBulletinRenderings
{
    public const string Collection = "tts_renderings";
    public const string Uploader = "tts";

    private readonly MediaLibrary _library;
    private readonly SpeechSynthesizer _synthesizer;
    private readonly ILiteCollection<BsonDocument> _renderings;
    private readonly SpeechOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BulletinRenderings> _logger;
    private readonly ConcurrentDictionary<string, Lazy<Task<MediaItem>>> _inFlight = new(StringComparer.Ordinal);

    public BulletinRenderings(MediaLibrary library, SpeechSynthesizer synthesizer, ControllerDatabase database,
        IOptions<SpeechOptions> options, TimeProvider time, ILogger<BulletinRenderings> logger)
    {
        _library = library;
        _synthesizer = synthesizer;
        _renderings = database.Database.GetCollection(Collection);
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The cache key: SHA-256 over engine, voice, speed and normalized text.</summary>
    public string KeyOf(string text, TtsVoice voice, double speed)
    {
        var normalized = SpeechSynthesizer.Normalize(text, voice);
        var material = string.Join('\n', _synthesizer.EngineName, voice.ToString(), speed.ToString("R", CultureInfo.InvariantCulture), normalized);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }

    /// <summary>The stored rendering of this text, voice and speed by the current engine, if there is one.</summary>
    public MediaItem? FindCached(string text, TtsVoice voice, double speed) => FindByKey(KeyOf(text, voice, speed));

    /// <summary>The cached rendering, or a new one stored under <paramref name="title"/>.</summary>
    /// <exception cref="SpeechSynthesisException">Rendering or storing failed.</exception>
    public Task<MediaItem> GetOrRenderAsync(string text, TtsVoice voice, double speed, string title, string requestedBy, CancellationToken ct)
    {
        var key = KeyOf(text, voice, speed);
        if (FindByKey(key) is { } cached) return Task.FromResult(cached);
        // One render per key; the shared run is not tied to the first caller's token (the engine has its timeouts).
        var lazy = _inFlight.GetOrAdd(key, k => new Lazy<Task<MediaItem>>(() => RenderAndForgetAsync(k, text, voice, speed, title, requestedBy)));
        return lazy.Value.WaitAsync(ct);
    }

    /// <summary>Always renders and stores a new media item (the broadcaster asked for one); it also becomes the cached rendering.</summary>
    public Task<MediaItem> RenderNewAsync(string text, TtsVoice voice, double speed, string title, string requestedBy, CancellationToken ct) =>
        RenderAndStoreAsync(KeyOf(text, voice, speed), text, voice, speed, title, requestedBy, ct);

    public (string? MediaId, string? Problem) Ensure(TtsBulletinContent bulletin, string programTitle)
    {
        try
        {
            var title = TitleFor(programTitle);
            var item = GetOrRenderAsync(bulletin.Text, bulletin.Voice, bulletin.Speed, title, Uploader, CancellationToken.None)
                .WaitAsync(TimeSpan.FromSeconds(_options.RenderOnMissTimeoutSeconds))
                .GetAwaiter().GetResult();
            return (item.Id, null);
        }
        catch (TimeoutException)
        {
            return (null, $"rendering took longer than {_options.RenderOnMissTimeoutSeconds} s (Speech:RenderOnMissTimeoutSeconds); it goes on in the background for the next airing");
        }
        catch (SpeechSynthesisException e)
        {
            return (null, e.Message);
        }
    }

    public static string TitleFor(string programTitle)
    {
        var title = "TTS: " + programTitle.Trim();
        return title.Length > MediaLibrary.MaxTitleLength ? title[..MediaLibrary.MaxTitleLength] : title;
    }

    private async Task<MediaItem> RenderAndForgetAsync(string key, string text, TtsVoice voice, double speed, string title, string requestedBy)
    {
        try
        {
            return await RenderAndStoreAsync(key, text, voice, speed, title, requestedBy, CancellationToken.None);
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }

    private async Task<MediaItem> RenderAndStoreAsync(string key, string text, TtsVoice voice, double speed, string title, string requestedBy, CancellationToken ct)
    {
        if (MediaLibrary.CheckTitle(title) is { } badTitle) throw new SpeechSynthesisException(badTitle);
        var audio = await _synthesizer.SynthesizeAsync(text, voice, speed, ct);
        if (audio.Samples.Length > _library.MaxSamples)
            throw new SpeechSynthesisException($"the speech lasts {audio.Duration.TotalMinutes:F0} min, longer than the media library accepts");
        MediaItem item;
        try
        {
            using var wav = new MemoryStream(WavBytes.ToPcm16(audio), writable: false);
            item = await _library.UploadAsync(wav, "speech.wav", title, requestedBy, ct);
        }
        catch (Exception e) when (e is Audio.AudioFormatException or IOException or ArgumentException)
        {
            throw new SpeechSynthesisException($"the speech could not be stored in the media library: {e.Message}", e);
        }
        _renderings.Upsert(new BsonDocument
        {
            ["_id"] = key,
            ["mediaId"] = item.Id,
            ["engine"] = _synthesizer.EngineName,
            ["voice"] = voice.ToString(),
            ["speed"] = speed,
            ["renderedAt"] = _time.GetUtcNow().UtcDateTime,
        });
        LogStored(item.Id, title, item.Duration.TotalSeconds, key[..12]);
        return item;
    }

    private MediaItem? FindByKey(string key) =>
        _renderings.FindById(key) is { } doc && doc["mediaId"].IsString ? _library.Find(doc["mediaId"].AsString) : null;

    [LoggerMessage(EventId = 2510, Level = LogLevel.Information, Message = "Speech stored as media {MediaId} '{Title}': {Seconds:F1} s (rendering {Key})")]
    private partial void LogStored(string mediaId, string title, double seconds, string key);
}
