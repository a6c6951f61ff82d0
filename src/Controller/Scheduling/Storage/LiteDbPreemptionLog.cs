using InfoRadio.Controller.Storage;
using LiteDB;

namespace InfoRadio.Controller.Scheduling.Storage;

/// <summary>The preemption log in the controller's LiteDB (collection "preemptions"), indexed by device.</summary>
public sealed class LiteDbPreemptionLog : IPreemptionLog
{
    private readonly ILiteCollection<Document> _entries;

    public LiteDbPreemptionLog(ControllerDatabase database)
    {
        _entries = database.Database.GetCollection<Document>("preemptions");
        _entries.EnsureIndex(e => e.DeviceId);
    }

    public void Add(IEnumerable<PreemptionLogEntry> entries)
    {
        var documents = entries.Select(Document.Of).ToList();
        if (documents.Count > 0) _entries.InsertBulk(documents);
    }

    public IReadOnlyList<PreemptionLogEntry> ForDevice(string deviceId, int limit = 100) => _entries.Query()
        .Where(e => e.DeviceId == deviceId).OrderByDescending(e => e.Id).Limit(limit).ToList()
        .Select(d => d.ToEntry()).ToArray();

    private sealed class Document
    {
        public ObjectId Id { get; set; } = ObjectId.NewObjectId();
        public string DeviceId { get; set; } = "";
        public long AtTicks { get; set; }
        public string SlotId { get; set; } = "";
        public string By { get; set; } = "";
        public VerdictReason Reason { get; set; }
        public PreemptionPolicy Policy { get; set; }
        public SlotRole Role { get; set; }
        public long PositionTicks { get; set; }
        public bool WasOnAir { get; set; }

        public static Document Of(PreemptionLogEntry e) => new()
        {
            DeviceId = e.DeviceId, AtTicks = e.At.UtcTicks, SlotId = e.SlotId, By = e.By, Reason = e.Reason,
            Policy = e.Policy, Role = e.Role, PositionTicks = e.Position.Ticks, WasOnAir = e.WasOnAir,
        };

        public PreemptionLogEntry ToEntry() => new(DeviceId, new DateTimeOffset(AtTicks, TimeSpan.Zero), SlotId, By, Reason,
            Policy, Role, TimeSpan.FromTicks(PositionTicks), WasOnAir);
    }
}
