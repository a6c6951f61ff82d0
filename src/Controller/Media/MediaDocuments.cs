using LiteDB;

namespace InfoRadio.Controller.Media;

/// <summary>Hand mapping of library records to LiteDB documents (instants as UTC ticks).</summary>
internal static class MediaDocuments
{
    public static BsonDocument From(MediaItem m) => new()
    {
        ["_id"] = m.Id,
        ["title"] = m.Title,
        ["fileName"] = m.FileName,
        ["format"] = m.Format,
        ["sourceFormat"] = m.SourceFormat,
        ["samples"] = m.SampleCount,
        ["size"] = m.SizeBytes,
        ["sha256"] = m.Sha256,
        ["uploadedTicks"] = m.UploadedAt.UtcTicks,
        ["uploader"] = m.Uploader,
    };

    public static MediaItem Item(BsonDocument d) => new(
        d["_id"].AsString, d["title"].AsString, d["fileName"].AsString, d["format"].AsString, d["sourceFormat"].AsString,
        d["samples"].AsInt64, d["size"].AsInt64, d["sha256"].AsString, new DateTimeOffset(d["uploadedTicks"].AsInt64, TimeSpan.Zero),
        d["uploader"].AsString);

    public static BsonDocument From(MediaPlaylist p) => new()
    {
        ["_id"] = p.Id,
        ["title"] = p.Title,
        ["items"] = new BsonArray(p.Items.Select(i => new BsonValue(i))),
        ["author"] = p.Author,
        ["createdTicks"] = p.CreatedAt.UtcTicks,
    };

    public static MediaPlaylist Playlist(BsonDocument d) => new(
        d["_id"].AsString, d["title"].AsString, d["items"].AsArray.Select(i => i.AsString).ToArray(), d["author"].AsString,
        new DateTimeOffset(d["createdTicks"].AsInt64, TimeSpan.Zero));
}
