using System.Text;
using InfoRadio.Protocol.Messages;
using LiteDB;

namespace InfoRadio.Controller.Devices;

/// <summary>
/// Maps a device to its LiteDB document by hand: explicit field names and unix milliseconds avoid the mapper's
/// reflection and its local-time DateTime conversion. Runtime state (online, session) is never stored.
/// </summary>
internal static class DeviceDocument
{
    public static BsonDocument From(DeviceEntry e) => new()
    {
        ["_id"] = e.Id,
        ["name"] = e.Name is null ? BsonValue.Null : new BsonValue(e.Name),
        ["createdAtMs"] = e.CreatedAt.ToUnixTimeMilliseconds(),
        ["lastSeenMs"] = e.LastSeen is { } seen ? new BsonValue(seen.ToUnixTimeMilliseconds()) : BsonValue.Null,
        ["firmware"] = e.Firmware is null ? BsonValue.Null : new BsonValue(e.Firmware),
        ["volume"] = e.Volume is { } v ? new BsonValue(v) : BsonValue.Null,
        ["lastTelemetry"] = e.LastTelemetry is null
            ? BsonValue.Null
            : new BsonValue(Encoding.UTF8.GetString(MessageCodec.Encode(e.LastTelemetry))),
        ["village"] = e.VillageCode is null ? BsonValue.Null : new BsonValue(e.VillageCode),
        ["zones"] = new BsonArray(e.Zones.Select(z => new BsonValue(z))),
        ["surveyed"] = Position(e.Surveyed),
        ["gps"] = Position(e.Gps),
        ["revoked"] = e.Revocation is { } r
            ? new BsonDocument
            {
                ["atMs"] = r.At.ToUnixTimeMilliseconds(),
                ["by"] = r.By is null ? BsonValue.Null : new BsonValue(r.By),
                ["reason"] = r.Reason is null ? BsonValue.Null : new BsonValue(r.Reason),
            }
            : BsonValue.Null,
        ["secret"] = new BsonDocument
        {
            ["algorithm"] = StoredSecret.Algorithm,
            ["iterations"] = e.Secret.Iterations,
            ["salt"] = e.Secret.Salt,
            ["hash"] = e.Secret.Hash,
        },
    };

    /// <summary>Reads a stored document; returns null (with the reason) for one this version cannot use.</summary>
    public static DeviceEntry? To(BsonDocument doc, out string? problem)
    {
        problem = null;
        var id = doc["_id"].IsString ? doc["_id"].AsString : null;
        if (id is null) { problem = "document without a string _id"; return null; }
        var secret = doc["secret"].IsDocument ? doc["secret"].AsDocument : null;
        if (secret is null || secret["algorithm"].AsString != StoredSecret.Algorithm
            || !secret["iterations"].IsInt32 || !secret["salt"].IsBinary || !secret["hash"].IsBinary)
        {
            problem = $"device '{id}' has no usable secret record";
            return null;
        }
        var stored = new StoredSecret(secret["salt"].AsBinary, secret["hash"].AsBinary, secret["iterations"].AsInt32);
        var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(doc["createdAtMs"].AsInt64);
        var entry = new DeviceEntry(id, doc["name"].IsString ? doc["name"].AsString : null, createdAt, stored)
        {
            LastSeen = doc["lastSeenMs"].IsNumber ? DateTimeOffset.FromUnixTimeMilliseconds(doc["lastSeenMs"].AsInt64) : null,
            Firmware = doc["firmware"].IsString ? doc["firmware"].AsString : null,
            Volume = doc["volume"].IsInt32 ? doc["volume"].AsInt32 : null,
            VillageCode = doc["village"].IsString ? doc["village"].AsString : null,
            // Documents written before placement existed have no zones field: such a device is in no zone.
            Zones = doc["zones"].IsArray ? doc["zones"].AsArray.Where(z => z.IsString).Select(z => z.AsString).ToArray() : [],
        };
        if (doc["lastTelemetry"].IsString)
        {
            var parsed = MessageCodec.Parse<Telemetry>(Encoding.UTF8.GetBytes(doc["lastTelemetry"].AsString));
            if (parsed.IsOk) entry.LastTelemetry = parsed.Value;
        }
        entry.Surveyed = Position(doc["surveyed"], DevicePosition.Surveyed);
        entry.Gps = Position(doc["gps"], DevicePosition.Gps);
        // Fail closed: a revocation record that cannot be read fully still revokes.
        if (doc["revoked"].IsDocument)
        {
            var r = doc["revoked"].AsDocument;
            entry.Revocation = new DeviceRevocation(
                r["atMs"].IsNumber ? DateTimeOffset.FromUnixTimeMilliseconds(r["atMs"].AsInt64) : DateTimeOffset.UnixEpoch,
                r["by"].IsString ? r["by"].AsString : null,
                r["reason"].IsString ? r["reason"].AsString : null);
        }
        entry.TelemetryPersistedAt = entry.LastTelemetry is null ? null : entry.LastSeen;
        return entry;
    }

    private static BsonValue Position(DevicePosition? p) =>
        p is null ? BsonValue.Null : new BsonDocument { ["lat"] = p.Latitude, ["lon"] = p.Longitude };

    /// <summary>Documents written before positions existed have none: the device's position is unknown.</summary>
    private static DevicePosition? Position(BsonValue value, string source) =>
        value.IsDocument && value["lat"].IsDouble && value["lon"].IsDouble
            ? new DevicePosition(value["lat"].AsDouble, value["lon"].AsDouble, source)
            : null;
}
