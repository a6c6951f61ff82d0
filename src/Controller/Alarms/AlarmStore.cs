using System.Text.Json;
using InfoRadio.Controller.Storage;
using LiteDB;

namespace InfoRadio.Controller.Alarms;

/// <summary>
/// Alarm history (collection <c>alarms</c>) and the saved rules (collection <c>alarm_rules</c>, one document).
/// Written only when an alarm changes, never per telemetry report. Thread-safe through LiteDB.
/// </summary>
public sealed class AlarmStore
{
    public const string CollectionName = "alarms";
    public const string RulesCollectionName = "alarm_rules";
    public const int MaxQueryLimit = 1000;
    private const string RulesId = "rules";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ILiteCollection<AlarmRecord> _alarms;
    private readonly ILiteCollection<BsonDocument> _rules;

    public AlarmStore(ControllerDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _alarms = database.Database.GetCollection<AlarmRecord>(CollectionName);
        _alarms.EnsureIndex(a => a.DeviceId);
        _alarms.EnsureIndex(a => a.ClearedAt);
        _rules = database.Database.GetCollection(RulesCollectionName);
    }

    /// <summary>Stores a new alarm and gives it its id.</summary>
    public void Insert(AlarmRecord alarm) => _alarms.Insert(alarm);

    public void Update(AlarmRecord alarm) => _alarms.Update(alarm);

    public AlarmRecord? Find(long id) => _alarms.FindById(id);

    public IReadOnlyList<AlarmRecord> LoadActive() => _alarms.Find(a => a.ClearedAt == null).ToList();

    /// <summary>Newest first; <paramref name="active"/> null means both active and cleared.</summary>
    public IReadOnlyList<AlarmRecord> Query(bool? active, string? deviceId, int limit)
    {
        var q = _alarms.Query();
        if (active == true) q = q.Where(a => a.ClearedAt == null);
        if (active == false) q = q.Where(a => a.ClearedAt != null);
        if (!string.IsNullOrEmpty(deviceId)) q = q.Where(a => a.DeviceId == deviceId);
        return q.OrderByDescending(a => a.Id).Limit(Math.Clamp(limit, 1, MaxQueryLimit)).ToList();
    }

    /// <summary>Alarms active at some time in [<paramref name="from"/>, <paramref name="to"/>) (reports).</summary>
    public IReadOnlyList<AlarmRecord> ActiveBetween(DateTimeOffset from, DateTimeOffset to) =>
        _alarms.Find(a => a.RaisedAt < to && (a.ClearedAt == null || a.ClearedAt >= from)).ToList();

    /// <summary>The rules saved through the API, or null when none were (configuration applies).</summary>
    public AlarmRules? LoadRules() =>
        _rules.FindById(RulesId) is { } doc && doc["json"].IsString ? System.Text.Json.JsonSerializer.Deserialize<AlarmRules>(doc["json"].AsString, Json) : null;

    /// <summary>Kept as JSON text: the rules' shape is the API's, and a later field added with a default reads old saves.</summary>
    public void SaveRules(AlarmRules rules) =>
        _rules.Upsert(new BsonDocument { ["_id"] = RulesId, ["json"] = System.Text.Json.JsonSerializer.Serialize(rules, Json) });
}
