namespace InfoRadio.Controller.Reports;

/// <summary>
/// One speaker's play of one session, built only from that speaker's own play events (LiteDB collection
/// <c>play_log</c>, id <c>{session}:{device}</c>). What played is filled in from the broadcast's record.
/// </summary>
public sealed class PlayLogEntry
{
    public string Id { get; set; } = "";
    public string DeviceId { get; set; } = "";
    public string Session { get; set; } = "";
    /// <summary><c>scheduled</c>, <c>emergency</c>, <c>upload</c>, <c>live</c>, or <c>unknown</c> (no broadcast record).</summary>
    public string Kind { get; set; } = PlayKinds.Unknown;
    public string? Title { get; set; }
    public string? ProgramId { get; set; }
    public string? ScheduleId { get; set; }
    public DateTimeOffset? SlotStart { get; set; }
    public string? EmergencyId { get; set; }
    public string? CapIdentifier { get; set; }
    /// <summary>The speaker played it from its offline cache (the session is a play-plan item, not a broadcast).</summary>
    public bool FromCache { get; set; }
    /// <summary>When its first sample sounded (the speaker's event time, on the controller's clock).</summary>
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>When its last sample sounded or it stopped; null while <see cref="PlayEnding.Playing"/>.</summary>
    public DateTimeOffset? EndedAt { get; set; }
    public PlayEnding Ending { get; set; }
    /// <summary>Interrupted or dropped: why, in the speaker's words where it gave them.</summary>
    public string? EndReason { get; set; }
    public long Underruns { get; set; }
    /// <summary>The last time any event of this play arrived: where a play dropped by a controller restart ends.</summary>
    public DateTimeOffset LastEventAt { get; set; }
    /// <summary>When an underrun last caused a write (in memory only).</summary>
    [LiteDB.BsonIgnore]
    public DateTimeOffset LastWrittenEventAt { get; set; }
    /// <summary>Unix milliseconds of <see cref="StartedAt"/> and <see cref="EndedAt"/> (max while open), for indexed period queries.</summary>
    public long StartMs { get; set; }
    public long EndMs { get; set; }
    /// <summary>True once <see cref="Kind"/> and the fields naming what played were looked up.</summary>
    public bool SourceResolved { get; set; }

    public static string IdOf(string session, string deviceId) => session + ":" + deviceId;

    public PlayLogEntry Copy() => (PlayLogEntry)MemberwiseClone();

    /// <summary>The part of the play inside [<paramref name="from"/>, <paramref name="to"/>); an open play counts up to <paramref name="now"/>.</summary>
    public TimeSpan OverlapWith(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        var end = EndedAt ?? (Ending == PlayEnding.Playing ? now : StartedAt);
        var a = StartedAt > from ? StartedAt : from;
        var b = end < to ? end : to;
        return b > a ? b - a : TimeSpan.Zero;
    }
}

/// <summary>The kinds of play in the play log.</summary>
public static class PlayKinds
{
    public const string Scheduled = "scheduled";
    public const string Emergency = "emergency";
    public const string Upload = "upload";
    public const string Live = "live";
    public const string Unknown = "unknown";
}
