using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Emergency;

/// <summary>An emergency and its reach report as stored in LiteDB (collection "emergencies").</summary>
public sealed class EmergencyRecord
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string? RequestedBy { get; set; }
    /// <summary>The CAP alert's identifier when a CAP feed asked for it.</summary>
    public string? CapIdentifier { get; set; }
    public OriginLevel Origin { get; set; }
    /// <summary>What was asked for, as people wrote it: <c>all</c>, <c>area:…</c>, <c>zone:…</c>, <c>device:…</c>.</summary>
    public List<string> Targets { get; set; } = [];
    public int Repeat { get; set; }
    public int Volume { get; set; }
    /// <summary>Length of one whole airing, chimes and repetitions included.</summary>
    public long DurationMs { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    /// <summary>When the first airing should have finished sounding; retries stay open a window after it.</summary>
    public DateTimeOffset AiringEndsAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public EmergencyState State { get; set; }
    /// <summary>Why it ended (cancelled by whom, the controller stopped…); null while on.</summary>
    public string? Reason { get; set; }
    /// <summary>The broadcast that aired it to the speakers online at the request; null when none was.</summary>
    public string? BroadcastId { get; set; }
    public List<EmergencyDevice> Devices { get; set; } = [];
}

/// <summary>One targeted speaker's part in an emergency; a LiteDB sub-document.</summary>
public sealed class EmergencyDevice
{
    public string DeviceId { get; set; } = "";
    public bool OnlineAtStart { get; set; }
    public EmergencyDeviceStatus Status { get; set; }
    /// <summary>The broadcast of the speaker's current (or last) attempt: the first airing or its own retry.</summary>
    public string? BroadcastId { get; set; }
    /// <summary>When the controller received the speaker's first play-started of the emergency.</summary>
    public DateTimeOffset? ReachedAt { get; set; }
    /// <summary><see cref="ReachedAt"/> after the request, in milliseconds.</summary>
    public long? ReachedMs { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Airings started for this speaker after the first (it was offline, dropped, or was interrupted).</summary>
    public int Retries { get; set; }
    public string? Reason { get; set; }

    /// <summary>An airing to this speaker is under way.</summary>
    public bool InFlight => Status is EmergencyDeviceStatus.Pending or EmergencyDeviceStatus.Playing;
}
