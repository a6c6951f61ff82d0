using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>In-memory companion of a broadcast while it is on air; the record is only touched under its gate.</summary>
internal sealed class ActiveBroadcast(BroadcastRecord record, BroadcastTargets targets, BroadcastProfile profile)
{
    public BroadcastRecord Record { get; } = record;
    public BroadcastTargets Targets { get; } = targets;
    public BroadcastProfile Profile { get; } = profile;
    public Lock Gate { get; } = new();
    public TaskCompletionSource AllSettled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public CancellationTokenSource Stop { get; } = new();

    /// <summary>The session as announced in desired state; null until then.</summary>
    public SessionInfo? Session { get; set; }

    /// <summary>Rank and epoch when the scheduler airs it; null for uploads and live sessions.</summary>
    public ScheduledAir? Scheduled { get; set; }

    /// <summary>Why it was cancelled, when it was (null: the controller stopped).</summary>
    public string? StopReason { get; set; }
}
