namespace InfoRadio.DeviceAgent.Commands;

/// <summary>The last few command ids seen, so a QoS 1 redelivery does not run a command twice.</summary>
internal sealed class RecentIds(int capacity = 256)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>True the first time an id is seen.</summary>
    public bool Add(string id)
    {
        if (!_ids.Add(id)) return false;
        _order.Enqueue(id);
        while (_order.Count > capacity) _ids.Remove(_order.Dequeue());
        return true;
    }
}
