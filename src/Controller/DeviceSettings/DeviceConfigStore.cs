using System.Text;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Storage;
using InfoRadio.Protocol.Messages;
using LiteDB;

namespace InfoRadio.Controller.DeviceSettings;

/// <summary>
/// Every device's pushed settings (LiteDB collection <c>device_configs</c>: the protocol's JSON of the
/// <see cref="DeviceConfig"/>, re-validated when read) and the version each device last reported applied.
/// Thread-safe; reads come from memory.
/// </summary>
public sealed partial class DeviceConfigStore : IDeviceConfigSource
{
    public const string CollectionName = "device_configs";

    private sealed class Entry
    {
        public DeviceConfig? Config { get; set; }
        public long? Applied { get; set; }
    }

    private readonly ILiteCollection<BsonDocument> _collection;
    private readonly ILogger<DeviceConfigStore> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public DeviceConfigStore(ControllerDatabase database, DeviceRegistry registry, ILogger<DeviceConfigStore> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(registry);
        _logger = logger;
        _collection = database.Database.GetCollection(CollectionName);
        foreach (var doc in _collection.FindAll())
        {
            var id = doc["_id"].AsString;
            var parsed = MessageCodec.Parse<DeviceConfig>(Encoding.UTF8.GetBytes(doc["config"].AsString ?? ""));
            if (!parsed.IsOk)
            {
                LogUnreadable(id, parsed.Error);
                continue;
            }
            _entries[id] = new Entry { Config = parsed.Value, Applied = doc["applied"].IsNull ? null : doc["applied"].AsInt64 };
        }
        registry.StateReported += OnStateReported;
    }

    public DeviceConfig? ConfigFor(string deviceId)
    {
        lock (_gate) return _entries.TryGetValue(deviceId, out var entry) ? entry.Config : null;
    }

    /// <summary>The version the device last reported applied (kept across restarts), or null.</summary>
    public long? AppliedVersion(string deviceId)
    {
        lock (_gate) return _entries.TryGetValue(deviceId, out var entry) ? entry.Applied : null;
    }

    /// <summary>
    /// Replaces the device's settings with <c>change(current)</c> (current: null before the first change) under
    /// the store's lock, so two changes of one device never get the same version.
    /// </summary>
    public DeviceConfig Update(string deviceId, Func<DeviceConfig?, DeviceConfig> change)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(deviceId, out var entry)) _entries[deviceId] = entry = new Entry();
            var next = change(entry.Config);
            Persist(deviceId, next, entry.Applied);
            entry.Config = next;
            return next;
        }
    }

    /// <summary>Forgets a device's settings (it was deleted).</summary>
    public void Remove(string deviceId)
    {
        lock (_gate)
        {
            _entries.Remove(deviceId);
            _collection.Delete(deviceId);
        }
    }

    private void OnStateReported(string deviceId, ReportedState state)
    {
        if (state.ConfigVersion is not { } version) return;
        lock (_gate)
        {
            if (!_entries.TryGetValue(deviceId, out var entry)) _entries[deviceId] = entry = new Entry();
            if (entry.Applied == version) return;
            entry.Applied = version;
            if (entry.Config is { } config) Persist(deviceId, config, version);
            LogApplied(deviceId, version, entry.Config?.Version);
        }
    }

    private void Persist(string deviceId, DeviceConfig config, long? applied) =>
        _collection.Upsert(new BsonDocument
        {
            ["_id"] = deviceId,
            ["config"] = Encoding.UTF8.GetString(MessageCodec.Encode(config)),
            ["applied"] = applied is { } a ? new BsonValue(a) : BsonValue.Null,
        });

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Stored settings of device {DeviceId} are unreadable and ignored: {Problem}")]
    private partial void LogUnreadable(string deviceId, string problem);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Device {DeviceId} applied settings version {Applied} (controller's version: {Version})")]
    private partial void LogApplied(string deviceId, long applied, long? version);
}
