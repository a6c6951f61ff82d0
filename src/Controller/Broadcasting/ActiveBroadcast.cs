namespace InfoRadio.Controller.Broadcasting;

/// <summary>In-memory companion of a broadcast while it is on air; the record is only touched under its gate.</summary>
internal sealed class ActiveBroadcast(BroadcastRecord record)
{
    public BroadcastRecord Record { get; } = record;
    public Lock Gate { get; } = new();
    public TaskCompletionSource AllSettled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public CancellationTokenSource Stop { get; } = new();
}
