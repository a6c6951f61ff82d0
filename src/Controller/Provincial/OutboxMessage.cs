namespace InfoRadio.Controller.Provincial;

/// <summary>
/// One push waiting for (or done with) the provincial endpoint, as stored in LiteDB (collection "provincial_outbox").
/// The id is the idempotency key: the body is serialized once, when the message is made, so every retry sends the same
/// bytes under the same key and the receiver can keep exactly one of them.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>The idempotency key, e.g. <c>daily-report:08980:2026-11-30</c>.</summary>
    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";
    /// <summary>The whole JSON body as it is sent.</summary>
    public string Body { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public OutboxState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

public enum OutboxState
{
    Pending,
    Delivered,
    /// <summary>Given up after Provincial:DeadAfterHours; kept (then deleted after Provincial:KeepDays) for the record.</summary>
    Dead,
}
