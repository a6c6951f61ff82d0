using InfoRadio.Controller.Media;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Api;

/// <summary>
/// The body of POST and PUT /api/programs. <c>kind</c> picks which content fields apply: audio-file takes
/// <c>mediaId</c>, playlist <c>playlistId</c>, tts-bulletin <c>text</c> (+ <c>voice</c>, <c>speed</c>, and the
/// recording's <c>mediaId</c>), stream-relay <c>streamUrl</c> (+ <c>fallbackMediaId</c>); live-slot none. The duration comes from the library
/// when there is audio, else from <c>durationSeconds</c>.
/// </summary>
public sealed record ProgramBody(
    string? Id,
    string? Title,
    string? Kind,
    string? MediaId,
    string? PlaylistId,
    string? Text,
    string? Voice,
    double? Speed,
    string? StreamUrl,
    int? DurationSeconds,
    string? Class,
    string? Origin,
    string? Preemption,
    bool? RequiresApproval,
    string? FallbackMediaId = null);

/// <summary>Turns a <see cref="ProgramBody"/> into a program, checking its content against the media library.</summary>
public static class ProgramRequests
{
    /// <summary>The program the body describes; throws <see cref="SchedulingException"/> saying what is wrong.</summary>
    public static BroadcastProgram Build(ProgramBody body, string id, string author, MediaLibrary media)
    {
        var kind = ApiBody.Token<ProgramKind>(body.Kind, "kind");
        Unexpected(body.MediaId, "mediaId", kind is ProgramKind.AudioFile or ProgramKind.TtsBulletin, kind);
        Unexpected(body.PlaylistId, "playlistId", kind is ProgramKind.Playlist, kind);
        Unexpected(body.Text ?? body.Voice ?? body.Speed?.ToString(), "text, voice or speed", kind is ProgramKind.TtsBulletin, kind);
        Unexpected(body.StreamUrl, "streamUrl", kind is ProgramKind.StreamRelay, kind);
        Unexpected(body.FallbackMediaId, "fallbackMediaId", kind is ProgramKind.StreamRelay, kind);

        ProgramContent content = kind switch
        {
            ProgramKind.AudioFile => new AudioFileContent(Required(body.MediaId, "mediaId")),
            ProgramKind.Playlist => new PlaylistContent(Required(body.PlaylistId, "playlistId")),
            ProgramKind.StreamRelay => new StreamRelayContent(Required(body.StreamUrl, "streamUrl"), body.FallbackMediaId),
            ProgramKind.LiveSlot => new LiveSlotContent(),
            _ => new TtsBulletinContent(Required(body.Text, "text"), ApiBody.Token<TtsVoice>(body.Voice, "voice", TtsVoice.Northern), body.Speed ?? 1.0, body.MediaId),
        };
        if (content.Validate() is { } invalid) throw new SchedulingException(invalid);
        if (content is StreamRelayContent { FallbackMediaId: { } fallback } && media.Find(fallback) is null)
            throw new SchedulingException($"no media item with id '{fallback}' for the relay's fallback (upload it to /api/media first)");

        var program = new BroadcastProgram
        {
            Id = id,
            Title = Required(body.Title, "title").Trim(),
            Content = content,
            Class = ApiBody.Token<PriorityClass>(body.Class, "class", PriorityClass.Normal),
            Origin = ApiBody.Token<OriginLevel>(body.Origin, "origin", OriginLevel.Commune),
            Author = author,
            RequiresApproval = body.RequiresApproval ?? false,
            Preemption = ApiBody.Token<PreemptionPolicy>(body.Preemption, "preemption", PreemptionPolicy.Resume),
            Duration = Duration(body, content, media),
        };
        if (program.Validate() is { } error) throw new SchedulingException(error);
        return program;
    }

    private static TimeSpan Duration(ProgramBody body, ProgramContent content, MediaLibrary media)
    {
        var audio = content switch
        {
            AudioFileContent f => media.Find(f.MediaId)?.Duration ?? throw new SchedulingException($"no media item with id '{f.MediaId}' (upload it to /api/media first)"),
            PlaylistContent l => media.FindPlaylist(l.PlaylistId) is null
                ? throw new SchedulingException($"no playlist with id '{l.PlaylistId}'")
                : media.DurationOf(l.PlaylistId),
            TtsBulletinContent { RecordedMediaId: { } rec } => media.Find(rec)?.Duration ?? throw new SchedulingException($"no media item with id '{rec}' for the bulletin's recording"),
            _ => (TimeSpan?)null,
        };
        if (audio is { } length)
        {
            if (body.DurationSeconds is not null) throw new SchedulingException("'durationSeconds' is taken from the audio: leave it out");
            // Slots are whole seconds: round up so the slot holds all of the audio.
            return TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(length.TotalSeconds)));
        }
        if (body.DurationSeconds is not { } seconds)
            throw new SchedulingException($"'durationSeconds' is needed for a {ApiBody.Token(content.Kind)} program without a recording");
        return TimeSpan.FromSeconds(seconds);
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new SchedulingException($"'{field}' is missing") : value;

    private static void Unexpected(string? value, string field, bool allowed, ProgramKind kind)
    {
        if (value is not null && !allowed) throw new SchedulingException($"'{field}' does not apply to a {ApiBody.Token(kind)} program");
    }
}
