using InfoRadio.Controller.Storage;
using LiteDB;

namespace InfoRadio.Controller.Audit;

/// <summary>
/// The audit log: every technician and administrator action, appended to LiteDB at once (an action that is not on
/// disk did not happen, as far as an inspector is concerned). Thread-safe through LiteDB.
/// </summary>
public sealed partial class AuditTrail
{
    public const string CollectionName = "audit";
    public const int MaxDetailLength = 1000;
    public const int MaxQueryLimit = 1000;

    private readonly ILiteCollection<AuditEntry> _collection;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditTrail> _logger;

    public AuditTrail(ControllerDatabase database, TimeProvider time, ILogger<AuditTrail> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        _time = time;
        _logger = logger;
        _collection = database.Database.GetCollection<AuditEntry>(CollectionName);
        _collection.EnsureIndex(e => e.At);
        _collection.EnsureIndex(e => e.Target);
    }

    /// <summary>Appends one entry and logs it; returns it with its id and time.</summary>
    public AuditEntry Record(string actor, string action, string target, bool succeeded, string? detail = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        ArgumentException.ThrowIfNullOrEmpty(action);
        var entry = new AuditEntry
        {
            At = _time.GetUtcNow(),
            Actor = actor,
            Action = action,
            Target = target ?? "",
            Succeeded = succeeded,
            Detail = detail is { Length: > MaxDetailLength } ? detail[..MaxDetailLength] : detail,
        };
        _collection.Insert(entry);
        LogRecorded(entry.Actor, entry.Action, entry.Target, entry.Succeeded);
        return entry;
    }

    /// <summary>Newest first, optionally only those of one actor, action or target, and at or after a time.</summary>
    public IReadOnlyList<AuditEntry> Query(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var q = _collection.Query();
        if (query.Since is { } since) q = q.Where(e => e.At >= since);
        if (!string.IsNullOrEmpty(query.Actor)) q = q.Where(e => e.Actor == query.Actor);
        if (!string.IsNullOrEmpty(query.Action)) q = q.Where(e => e.Action == query.Action);
        if (!string.IsNullOrEmpty(query.Target)) q = q.Where(e => e.Target == query.Target);
        return q.OrderByDescending(e => e.Id).Limit(Math.Clamp(query.Limit, 1, MaxQueryLimit)).ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: {Actor} {Action} {Target} (succeeded: {Succeeded})")]
    private partial void LogRecorded(string actor, string action, string target, bool succeeded);
}
