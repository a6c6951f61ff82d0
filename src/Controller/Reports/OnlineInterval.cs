namespace InfoRadio.Controller.Reports;

/// <summary>
/// One stretch of time a device was online as the controller saw it (LiteDB collection <c>online_history</c>, id
/// <c>{device}:{from ticks}</c>): from its online report to its offline report or Last Will, or the broker seeing its
/// connection end.
/// </summary>
public sealed class OnlineInterval
{
    public string Id { get; set; } = "";
    public string DeviceId { get; set; } = "";
    public DateTimeOffset From { get; set; }
    /// <summary>Null while the device is online.</summary>
    public DateTimeOffset? To { get; set; }
    /// <summary>Last time the controller confirmed the interval still open: where one a crash left open ends.</summary>
    public DateTimeOffset CheckedAt { get; set; }
    /// <summary>How it ended: <c>offline</c>, <c>controller-stopped</c>, <c>controller-crashed</c>, <c>device-removed</c>.</summary>
    public string? EndedBy { get; set; }
    public long FromMs { get; set; }
    public long ToMs { get; set; }

    public static string IdOf(string deviceId, DateTimeOffset from) => deviceId + ":" + from.UtcTicks;

    public OnlineInterval Copy() => (OnlineInterval)MemberwiseClone();

    /// <summary>The part of the interval inside [<paramref name="from"/>, <paramref name="to"/>); an open one counts up to <paramref name="now"/>.</summary>
    public TimeSpan OverlapWith(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        var end = To ?? now;
        var a = From > from ? From : from;
        var b = end < to ? end : to;
        return b > a ? b - a : TimeSpan.Zero;
    }
}
