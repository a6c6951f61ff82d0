using System.Globalization;
using LiteDB;
using static InfoRadio.Controller.Scheduling.Storage.ProgramDocument;

namespace InfoRadio.Controller.Scheduling.Storage;

/// <summary>Maps a schedule to its LiteDB document by hand; local starts as ISO text, instants as UTC ticks.</summary>
internal static class ScheduleDocument
{
    private const string LocalFormat = "yyyy-MM-dd'T'HH:mm:ss";

    public static BsonDocument From(Schedule s)
    {
        var doc = new BsonDocument
        {
            ["_id"] = s.Id,
            ["programId"] = s.ProgramId,
            ["lines"] = new BsonArray(s.Lines.Select(l =>
            {
                var line = new BsonDocument { ["start"] = l.Start.ToString(LocalFormat, CultureInfo.InvariantCulture) };
                if (l.Rule is not null) line["rule"] = l.Rule;
                return (BsonValue)line;
            })),
            ["devices"] = Array(s.Targets.Devices),
            ["zones"] = Array(s.Targets.Zones),
            ["areas"] = Array(s.Targets.Areas),
            ["clash"] = IcsNames.Token(s.ClashPolicy),
            ["createdTicks"] = s.CreatedAt.UtcTicks,
        };
        if (s.CancelledAt is { } c) doc["cancelledTicks"] = c.UtcTicks;
        return doc;
    }

    public static Schedule To(BsonDocument d) => new()
    {
        Id = Str(d, "_id"),
        ProgramId = Str(d, "programId"),
        Lines = d["lines"].IsArray ? d["lines"].AsArray.Select(l => Line(l.AsDocument)).ToArray() : throw Bad("lines"),
        Targets = TargetSet.Of(List(d, "devices"), List(d, "zones"), List(d, "areas")),
        ClashPolicy = Token<ClashPolicy>(d, "clash"),
        CreatedAt = Instant(d, "createdTicks") ?? throw Bad("createdTicks"),
        CancelledAt = Instant(d, "cancelledTicks"),
    };

    private static RecurrenceLine Line(BsonDocument d) => new(
        DateTime.ParseExact(Str(d, "start"), LocalFormat, CultureInfo.InvariantCulture, DateTimeStyles.None),
        d["rule"].IsString ? d["rule"].AsString : null);

    private static BsonArray Array(IEnumerable<string> ids) => new(ids.Select(i => new BsonValue(i)));

    private static string[] List(BsonDocument d, string field) =>
        d[field].IsArray ? d[field].AsArray.Select(v => v.AsString).ToArray() : throw Bad(field);
}
