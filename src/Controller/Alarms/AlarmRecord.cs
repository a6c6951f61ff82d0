namespace InfoRadio.Controller.Alarms;

/// <summary>
/// One alarm: raised once, cleared once (while <see cref="ClearedAt"/> is null it is active). Kept in the LiteDB
/// collection <c>alarms</c> as history.
/// </summary>
public sealed class AlarmRecord
{
    public long Id { get; set; }
    public string DeviceId { get; set; } = "";
    /// <summary>One of <see cref="AlarmKinds"/>.</summary>
    public string Kind { get; set; } = "";
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset? ClearedAt { get; set; }
    /// <summary>The reading that raised it, e.g. <c>temperatureC=72.5 (raise at 70, clear below 65)</c>.</summary>
    public string Detail { get; set; } = "";
    /// <summary>Why it cleared: the reading, <c>back online</c>, <c>rule disabled</c>, <c>device removed</c>.</summary>
    public string? ClearDetail { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }

    public bool Active => ClearedAt is null;
}
