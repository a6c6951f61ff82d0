namespace InfoRadio.Controller.Messaging;

/// <summary>
/// The broker's word that messages meant for the controller's own link were dropped: its queue there was full (a
/// connect storm of thousands of devices starves the link's sender). The <see cref="ControllerBus"/> then re-reads
/// what can be re-read — every device's retained state — so the registry does not keep a device offline whose
/// "online" was among the dropped. Clock requests are asked again by the device; events are not recoverable here.
/// </summary>
public sealed class ControllerLinkGaps
{
    private long _reports;

    /// <summary>Raised on every report, on the reporting thread: handlers must return at once.</summary>
    public event Action? Reported;

    /// <summary>Messages to the controller that the broker reported dropped.</summary>
    public long Reports => Interlocked.Read(ref _reports);

    public void Report()
    {
        Interlocked.Increment(ref _reports);
        Reported?.Invoke();
    }
}
