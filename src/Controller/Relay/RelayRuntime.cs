using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Scheduling;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Relay;

/// <summary>What every relay needs: its settings, the HTTP connector, the media library for fallback content, the clock.</summary>
public sealed partial class RelayRuntime(
    IOptions<RelayOptions> options, RelayConnector connector, IMediaAudioSource media, TimeProvider time, ILogger<RelayRuntime> logger)
{
    public RelayOptions Options { get; } = options.Value;
    internal RelayConnector Connector => connector;
    internal TimeProvider Time => time;
    internal ILogger Logger => logger;

    /// <summary>The fallback a relay airs: its own media item, else Relay:FallbackMediaId; null: silence.</summary>
    public string? FallbackFor(string? requested) => requested ?? Options.FallbackMediaId;

    /// <summary>Opens the fallback media item when it is needed; a missing item gives null (silence) and is logged.</summary>
    internal Func<ProgramAudio?> Fallback(string? mediaId) => () =>
    {
        if (mediaId is null) return null;
        try
        {
            var audio = media.TryOpen(mediaId);
            if (audio is null || audio.SampleCount == 0) LogFallbackMissing(logger, mediaId, "it is not in the media library or has no audio");
            return audio is { SampleCount: > 0 } ? audio : null;
        }
        catch (AudioFormatException e)
        {
            LogFallbackMissing(logger, mediaId, e.Message);
            return null;
        }
    };

    /// <summary>A relay of <paramref name="url"/> lasting <paramref name="duration"/>, named for logs.</summary>
    public RelayProgramAudio Create(Uri url, TimeSpan duration, string? fallbackMediaId, string name)
    {
        var samples = (long)Math.Round(duration.TotalSeconds * DecodedAudio.SampleRate);
        return new RelayProgramAudio(url, samples, new RelayHealth(url.ToString(), FallbackFor(fallbackMediaId)), name, this);
    }

    [LoggerMessage(EventId = 2110, Level = LogLevel.Error, Message = "Relay fallback media {MediaId} cannot air: {Reason}; silence airs instead")]
    private static partial void LogFallbackMissing(ILogger logger, string mediaId, string reason);
}
