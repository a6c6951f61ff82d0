using System.Globalization;
using InfoRadio.Protocol.Messages;
using LiteDB;

namespace InfoRadio.Controller.Scheduling.Storage;

/// <summary>
/// Maps a program to its LiteDB document by hand: explicit field names, enums as the API's tokens, instants as UTC
/// ticks, and the polymorphic content flattened under a "kind" field (LiteDB's mapper cannot build positional records).
/// </summary>
internal static class ProgramDocument
{
    public static BsonDocument From(BroadcastProgram p)
    {
        var doc = new BsonDocument
        {
            ["_id"] = p.Id,
            ["title"] = p.Title,
            ["kind"] = IcsNames.Token(p.Kind),
            ["class"] = IcsNames.Token(p.Class),
            ["origin"] = IcsNames.Token(p.Origin),
            ["author"] = p.Author,
            ["requiresApproval"] = p.RequiresApproval,
            ["approval"] = IcsNames.Token(p.Approval),
            ["preemption"] = IcsNames.Token(p.Preemption),
            ["durationS"] = (long)p.Duration.TotalSeconds,
            ["history"] = new BsonArray(p.ApprovalHistory.Select(Event)),
        };
        switch (p.Content)
        {
            case AudioFileContent f: doc["mediaId"] = f.MediaId; break;
            case PlaylistContent l: doc["playlistId"] = l.PlaylistId; break;
            case StreamRelayContent r:
                doc["streamUrl"] = r.StreamUrl;
                if (r.FallbackMediaId is { } fallback) doc["fallbackMediaId"] = fallback;
                break;
            case TtsBulletinContent t:
                doc["text"] = t.Text;
                doc["voice"] = IcsNames.Token(t.Voice);
                doc["speed"] = t.Speed.ToString("R", CultureInfo.InvariantCulture);
                if (t.RecordedMediaId is { } rec) doc["mediaId"] = rec;
                break;
        }
        return doc;
    }

    /// <summary>The stored program; throws <see cref="FormatException"/> naming the field for a document this version cannot read.</summary>
    public static BroadcastProgram To(BsonDocument d) => new()
    {
        Id = Str(d, "_id"),
        Title = Str(d, "title"),
        Content = Content(d),
        Class = Token<PriorityClass>(d, "class"),
        Origin = Token<OriginLevel>(d, "origin"),
        Author = Str(d, "author"),
        RequiresApproval = d["requiresApproval"].IsBoolean ? d["requiresApproval"].AsBoolean : throw Bad("requiresApproval"),
        Approval = Token<ApprovalState>(d, "approval"),
        Preemption = Token<PreemptionPolicy>(d, "preemption"),
        Duration = d["durationS"].IsNumber ? TimeSpan.FromSeconds(d["durationS"].AsInt64) : throw Bad("durationS"),
        ApprovalHistory = d["history"].IsArray ? d["history"].AsArray.Select(h => Event(h.AsDocument)).ToArray() : throw Bad("history"),
    };

    private static ProgramContent Content(BsonDocument d) => Token<ProgramKind>(d, "kind") switch
    {
        ProgramKind.AudioFile => new AudioFileContent(Str(d, "mediaId")),
        ProgramKind.Playlist => new PlaylistContent(Str(d, "playlistId")),
        ProgramKind.StreamRelay => new StreamRelayContent(Str(d, "streamUrl"), d["fallbackMediaId"].IsString ? d["fallbackMediaId"].AsString : null),
        ProgramKind.LiveSlot => new LiveSlotContent(),
        _ => new TtsBulletinContent(Str(d, "text"), Token<TtsVoice>(d, "voice"),
            double.Parse(Str(d, "speed"), NumberStyles.Float, CultureInfo.InvariantCulture),
            d["mediaId"].IsString ? d["mediaId"].AsString : null),
    };

    private static BsonDocument Event(ApprovalEvent e)
    {
        var doc = new BsonDocument
        {
            ["atTicks"] = e.At.UtcTicks,
            ["actor"] = e.Actor,
            ["action"] = IcsNames.Token(e.Action),
            ["from"] = IcsNames.Token(e.From),
            ["to"] = IcsNames.Token(e.To),
        };
        if (e.Reason is not null) doc["reason"] = e.Reason;
        return doc;
    }

    private static ApprovalEvent Event(BsonDocument d) => new(
        Instant(d, "atTicks") ?? throw Bad("history.atTicks"),
        Str(d, "actor"),
        Token<ApprovalAction>(d, "action"),
        Token<ApprovalState>(d, "from"),
        Token<ApprovalState>(d, "to"),
        d["reason"].IsString ? d["reason"].AsString : null);

    internal static DateTimeOffset? Instant(BsonDocument d, string field) =>
        d[field].IsNumber ? new DateTimeOffset(d[field].AsInt64, TimeSpan.Zero) : null;

    internal static string Str(BsonDocument d, string field) => d[field].IsString ? d[field].AsString : throw Bad(field);

    internal static T Token<T>(BsonDocument d, string field) where T : struct, Enum =>
        IcsNames.TryParse<T>(Str(d, field), out var value) ? value : throw Bad(field);

    internal static FormatException Bad(string field) => new($"field '{field}' is missing or not readable");
}
