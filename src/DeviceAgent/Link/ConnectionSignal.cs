namespace InfoRadio.DeviceAgent.Link;

/// <summary>An awaitable "the link is up" flag.</summary>
internal sealed class ConnectionSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _up = NewSource();

    public bool IsUp
    {
        get { lock (_gate) return _up.Task.IsCompleted; }
    }

    public Task WhenUp
    {
        get { lock (_gate) return _up.Task; }
    }

    public void SetUp()
    {
        lock (_gate) _up.TrySetResult();
    }

    public void SetDown()
    {
        lock (_gate)
            if (_up.Task.IsCompleted) _up = NewSource();
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
