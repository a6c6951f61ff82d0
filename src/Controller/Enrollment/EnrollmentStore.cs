using InfoRadio.Controller.Storage;
using LiteDB;

namespace InfoRadio.Controller.Enrollment;

/// <summary>
/// Enrollment records in the LiteDB collection <c>enrollments</c>, one document per serial, mapped by hand (unix
/// milliseconds, explicit names). Loaded once; the caller serializes access.
/// </summary>
public sealed class EnrollmentStore
{
    public const string CollectionName = "enrollments";

    private readonly ILiteCollection<BsonDocument> _collection;

    public EnrollmentStore(ControllerDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _collection = database.Database.GetCollection(CollectionName);
    }

    public IEnumerable<EnrollmentRecord> LoadAll()
    {
        foreach (var doc in _collection.FindAll())
            if (From(doc) is { } record) yield return record;
    }

    public void Save(EnrollmentRecord record) => _collection.Upsert(To(record));

    public static string StateName(EnrollmentState state) => state switch
    {
        EnrollmentState.PreRegistered => "preregistered",
        EnrollmentState.Pending => "pending",
        EnrollmentState.Approved => "approved",
        EnrollmentState.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static EnrollmentState? ParseState(string? name) => name switch
    {
        "preregistered" => EnrollmentState.PreRegistered,
        "pending" => EnrollmentState.Pending,
        "approved" => EnrollmentState.Approved,
        "rejected" => EnrollmentState.Rejected,
        _ => null,
    };

    internal static BsonDocument To(EnrollmentRecord r) => new()
    {
        ["_id"] = r.Serial,
        ["state"] = StateName(r.State),
        ["firstSeenMs"] = Ms(r.FirstSeenAt),
        ["lastSeenMs"] = Ms(r.LastSeenAt),
        ["firmware"] = Text(r.Firmware),
        ["imei"] = Text(r.Imei),
        ["publicKey"] = r.PublicKey is null ? BsonValue.Null : new BsonValue(r.PublicKey),
        ["keyFingerprint"] = Text(r.KeyFingerprint),
        ["deviceId"] = Text(r.DeviceId),
        ["preRegistered"] = r.PreRegistered,
        ["name"] = Text(r.Name),
        ["village"] = Text(r.Village),
        ["zones"] = new BsonArray(r.Zones.Select(z => new BsonValue(z))),
        ["lat"] = r.Latitude is { } lat ? new BsonValue(lat) : BsonValue.Null,
        ["lon"] = r.Longitude is { } lon ? new BsonValue(lon) : BsonValue.Null,
        ["conflictFingerprint"] = Text(r.ConflictFingerprint),
        ["conflictMs"] = Ms(r.ConflictAt),
        ["conflicts"] = r.Conflicts,
        ["reason"] = Text(r.Reason),
        ["decidedBy"] = Text(r.DecidedBy),
        ["decidedMs"] = Ms(r.DecidedAt),
        ["issuedMs"] = Ms(r.CredentialsIssuedAt),
    };

    internal static EnrollmentRecord? From(BsonDocument d)
    {
        if (!d["_id"].IsString || ParseState(d["state"].IsString ? d["state"].AsString : null) is not { } state) return null;
        return new EnrollmentRecord(d["_id"].AsString)
        {
            State = state,
            FirstSeenAt = Time(d["firstSeenMs"]),
            LastSeenAt = Time(d["lastSeenMs"]),
            Firmware = Text(d["firmware"]),
            Imei = Text(d["imei"]),
            PublicKey = d["publicKey"].IsBinary ? d["publicKey"].AsBinary : null,
            KeyFingerprint = Text(d["keyFingerprint"]),
            DeviceId = Text(d["deviceId"]),
            PreRegistered = d["preRegistered"].IsBoolean && d["preRegistered"].AsBoolean,
            Name = Text(d["name"]),
            Village = Text(d["village"]),
            Zones = d["zones"].IsArray ? d["zones"].AsArray.Where(z => z.IsString).Select(z => z.AsString).ToArray() : [],
            Latitude = d["lat"].IsNumber ? d["lat"].AsDouble : null,
            Longitude = d["lon"].IsNumber ? d["lon"].AsDouble : null,
            ConflictFingerprint = Text(d["conflictFingerprint"]),
            ConflictAt = Time(d["conflictMs"]),
            Conflicts = d["conflicts"].IsInt32 ? d["conflicts"].AsInt32 : 0,
            Reason = Text(d["reason"]),
            DecidedBy = Text(d["decidedBy"]),
            DecidedAt = Time(d["decidedMs"]),
            CredentialsIssuedAt = Time(d["issuedMs"]),
        };
    }

    private static BsonValue Ms(DateTimeOffset? t) => t is { } v ? new BsonValue(v.ToUnixTimeMilliseconds()) : BsonValue.Null;
    private static BsonValue Text(string? s) => s is null ? BsonValue.Null : new BsonValue(s);
    private static string? Text(BsonValue v) => v.IsString ? v.AsString : null;
    private static DateTimeOffset? Time(BsonValue v) => v.IsNumber ? DateTimeOffset.FromUnixTimeMilliseconds(v.AsInt64) : null;
}
