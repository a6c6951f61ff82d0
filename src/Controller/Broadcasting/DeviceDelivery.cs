namespace InfoRadio.Controller.Broadcasting;

/// <summary>One speaker's part in a broadcast; a LiteDB sub-document.</summary>
public sealed class DeviceDelivery
{
    public string DeviceId { get; set; } = "";
    public DeliveryStatus Status { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public long Underruns { get; set; }
    /// <summary>Why the delivery failed, in words a broadcaster understands.</summary>
    public string? Reason { get; set; }

    public bool IsSettled => Status is DeliveryStatus.Finished or DeliveryStatus.Failed;
}
