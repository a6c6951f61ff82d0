using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.Controller.Storage;
using InfoRadio.Protocol;
using LiteDB;

namespace InfoRadio.Controller.Targets;

/// <summary>
/// The <see cref="ITargetDirectory"/> of a running controller: devices and where they stand come from the
/// <see cref="DeviceRegistry"/>; zones and the administrative tree are kept here, in the LiteDB collections
/// <c>zones</c> and <c>areas</c>, with in-memory copies for the planner's reads. Thread-safe.
/// </summary>
public sealed partial class TargetDirectory : ITargetDirectory
{
    public const int MaxZoneNameLength = 100;
    public const int MaxAreasPerImport = 50_000;

    private readonly DeviceRegistry _registry;
    private readonly ILiteCollection<BsonDocument> _zonesDb;
    private readonly ILiteCollection<BsonDocument> _areasDb;
    private readonly ILogger<TargetDirectory> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Zone> _zones = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AdministrativeArea> _areas = new(StringComparer.Ordinal);

    public TargetDirectory(ControllerDatabase database, DeviceRegistry registry, ILogger<TargetDirectory> logger)
    {
        _registry = registry;
        _logger = logger;
        _zonesDb = database.Database.GetCollection("zones");
        _areasDb = database.Database.GetCollection("areas");
        foreach (var d in _zonesDb.FindAll())
            if (d["name"].IsString) _zones[d["_id"].AsString] = new Zone(d["_id"].AsString, d["name"].AsString);
        foreach (var d in _areasDb.FindAll())
            if (d["name"].IsString && AreaTreeRules.TryParseLevel(d["level"].AsString, out var level))
                _areas[d["_id"].AsString] = new AdministrativeArea(d["_id"].AsString, d["name"].AsString, level, d["parent"].IsString ? d["parent"].AsString : null);
    }

    /// <summary>The implicit zone every device is in (devices subscribe to its desired state too).</summary>
    public const string AllZone = "all";

    public IReadOnlyCollection<DevicePlacement> Devices =>
        _registry.List().Select(d => new DevicePlacement(d.Id, d.VillageCode, [.. d.Zones, AllZone])).ToArray();

    public bool ZoneExists(string zoneId)
    {
        if (zoneId == AllZone) return true;
        lock (_gate) return _zones.ContainsKey(zoneId);
    }

    public AdministrativeArea? FindArea(string code)
    {
        lock (_gate) return _areas.GetValueOrDefault(code);
    }

    public IReadOnlyList<AdministrativeArea> Areas()
    {
        lock (_gate) return _areas.Values.OrderBy(a => a.Code, StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<Zone> Zones()
    {
        lock (_gate) return _zones.Values.OrderBy(z => z.Id, StringComparer.Ordinal).ToArray();
    }

    public Zone? FindZone(string id)
    {
        lock (_gate) return _zones.GetValueOrDefault(id);
    }

    /// <summary>Adds or renames a zone; returns whether it was new. Throws <see cref="SchedulingException"/> when invalid.</summary>
    public bool PutZone(Zone zone)
    {
        if (Identifiers.Check(zone.Id, "zone id") is { } bad) throw new SchedulingException(bad);
        if (zone.Id == AllZone) throw new SchedulingException($"zone id '{AllZone}' is reserved: it means every device");
        if (string.IsNullOrWhiteSpace(zone.Name) || zone.Name.Length > MaxZoneNameLength || zone.Name.Any(char.IsControl))
            throw new SchedulingException($"the zone name must be 1 to {MaxZoneNameLength} characters on one line");
        var named = zone with { Name = zone.Name.Trim() };
        bool added;
        lock (_gate)
        {
            added = !_zones.ContainsKey(zone.Id);
            _zonesDb.Upsert(new BsonDocument { ["_id"] = named.Id, ["name"] = named.Name });
            _zones[named.Id] = named;
        }
        LogZone(zone.Id, added ? "added" : "renamed");
        return added;
    }

    /// <summary>Deletes a zone no device is in and no schedule targets; false when there is none.</summary>
    public bool DeleteZone(string id, IEnumerable<Schedule> schedules)
    {
        lock (_gate)
        {
            if (!_zones.ContainsKey(id)) return false;
            var devices = _registry.List().Where(d => d.Zones.Contains(id)).Select(d => d.Id).ToArray();
            if (devices.Length > 0) throw new CatalogConflictException($"zone '{id}' still holds devices {string.Join(", ", devices.Take(20))}: move them out first");
            var users = schedules.Where(s => s.Targets.Zones.Contains(id)).Select(s => s.Id).ToArray();
            if (users.Length > 0) throw new CatalogConflictException($"zone '{id}' is a target of schedules {string.Join(", ", users.Take(20))}");
            _zonesDb.Delete(id);
            _zones.Remove(id);
        }
        LogZone(id, "deleted");
        return true;
    }

    /// <summary>
    /// Adds or replaces areas, all or nothing: each must fit the tree made of the stored areas and the others in the
    /// batch (parents may come later in it). Returns how many were new. Throws <see cref="SchedulingException"/>.
    /// </summary>
    public int ImportAreas(IReadOnlyList<AdministrativeArea> batch)
    {
        if (batch.Count == 0) throw new SchedulingException("no areas given");
        if (batch.Count > MaxAreasPerImport) throw new SchedulingException($"at most {MaxAreasPerImport} areas per import");
        int added;
        lock (_gate)
        {
            var merged = new Dictionary<string, AdministrativeArea>(_areas, StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var a in batch)
            {
                if (!seen.Add(a.Code ?? "")) throw new SchedulingException($"area {a.Code} appears twice in the import");
                merged[a.Code!] = a with { Name = a.Name?.Trim() ?? "" };
            }
            foreach (var a in batch)
            {
                if (AreaTreeRules.Check(merged[a.Code], a.ParentCode is { } p ? merged.GetValueOrDefault(p) : null) is { } error) throw new SchedulingException(error);
                // A changed level could leave stored children under a parent they may not sit in.
                foreach (var child in merged.Values.Where(c => c.ParentCode == a.Code))
                    if (AreaTreeRules.Check(child, merged[a.Code]) is { } childError) throw new SchedulingException(childError);
            }
            added = batch.Count(a => !_areas.ContainsKey(a.Code));
            _areasDb.Upsert(batch.Select(a => merged[a.Code]).Select(a => new BsonDocument
            {
                ["_id"] = a.Code,
                ["name"] = a.Name,
                ["level"] = AreaTreeRules.Name(a.Level),
                ["parent"] = a.ParentCode is null ? BsonValue.Null : new BsonValue(a.ParentCode),
            }));
            foreach (var a in batch) _areas[a.Code] = merged[a.Code];
        }
        LogAreasImported(batch.Count, added);
        return added;
    }

    /// <summary>
    /// Places a device in a village (a known area of village level, or null) and in known zones. Throws
    /// <see cref="SchedulingException"/> for an unknown village or zone; false for an unknown device.
    /// </summary>
    public bool Place(string deviceId, string? villageCode, IReadOnlyList<string> zones) =>
        CheckPlacement(villageCode, zones) is { } error ? throw new SchedulingException(error) : _registry.SetPlacement(deviceId, villageCode, zones);

    /// <summary>Null when a device may stand in <paramref name="villageCode"/> and <paramref name="zones"/>, else why not.</summary>
    public string? CheckPlacement(string? villageCode, IReadOnlyList<string> zones)
    {
        if (villageCode is not null)
        {
            if (FindArea(villageCode) is not { } area) return $"no area with code '{villageCode}'";
            if (area.Level != AdministrativeLevel.Village) return $"area {villageCode} is a {AreaTreeRules.Name(area.Level)}: a device stands in a village";
        }
        if (zones.Contains(AllZone)) return $"every device is in zone '{AllZone}' already: leave it out";
        return zones.FirstOrDefault(z => !ZoneExists(z)) is { } unknown ? $"no zone with id '{unknown}'" : null;
    }

    [LoggerMessage(EventId = 1800, Level = LogLevel.Information, Message = "Zone {ZoneId} {What}")]
    private partial void LogZone(string zoneId, string what);

    [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Areas imported: {Count} ({Added} new)")]
    private partial void LogAreasImported(int count, int added);
}
