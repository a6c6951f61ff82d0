namespace InfoRadio.Protocol.Link;

/// <summary>
/// Sends to MQTTnet without ever cancelling a write half-way: a packet cut short leaves garbage on the connection,
/// and the broker drops it ("expected at least N bytes") — with our Will, or the End of a stream, lost on the way.
/// The caller stops waiting when its token fires; the packet still goes out whole (bounded by the client's timeout).
/// </summary>
public static class Uncut
{
    public static Task<T> SendAsync<T>(Func<CancellationToken, Task<T>> send, CancellationToken cancellationToken)
    {
        var sending = send(CancellationToken.None);
        // The common case on the audio path: nothing to stop waiting for, so the caller observes the send itself.
        if (sending.IsCompleted || !cancellationToken.CanBeCanceled) return sending;
        // Observed either way, so that a failure after the caller left is not an unobserved task exception.
        _ = sending.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return sending.WaitAsync(cancellationToken);
    }
}
