namespace InfoRadio.Controller.Broker;

/// <summary>
/// Messages the broker has queued for one connection and not yet written to it. MQTTnet 5.2 has a single queue
/// limit for every client; counting per connection lets the broker give devices a short queue and the controller's
/// own link a deep one (<see cref="BrokerOptions.MaxPendingMessagesForController"/>). Thread-safe.
/// </summary>
internal sealed class ClientQueueDepth
{
    private int _pending;

    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Takes a place for one more message if fewer than <paramref name="limit"/> are waiting.</summary>
    public bool TryReserve(int limit)
    {
        while (true)
        {
            var pending = Volatile.Read(ref _pending);
            if (pending >= limit) return false;
            if (Interlocked.CompareExchange(ref _pending, pending + 1, pending) == pending) return true;
        }
    }

    /// <summary>One queued message was written to the connection.</summary>
    public void Written()
    {
        while (true)
        {
            var pending = Volatile.Read(ref _pending);
            // A message queued before the count was attached to the connection was never reserved.
            if (pending == 0) return;
            if (Interlocked.CompareExchange(ref _pending, pending - 1, pending) == pending) return;
        }
    }
}
