namespace InfoRadio.Controller.Messaging;

/// <summary>A device event already handled (collection <c>seen_events</c>): <c>{deviceId}/{eventId}</c> and when.</summary>
public sealed class SeenEvent
{
    public string Id { get; set; } = "";
    public long AtMs { get; set; }
}
