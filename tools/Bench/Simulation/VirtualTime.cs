namespace InfoRadio.Bench.Simulation;

/// <summary>
/// True time of a simulation and its event queue: events run in time order (ties in the order they were
/// scheduled), and the clock jumps from one to the next. No real waiting anywhere.
/// </summary>
public sealed class VirtualTime
{
    private readonly PriorityQueue<Action, (double At, long Seq)> _events = new();
    private long _seq;

    /// <summary>True time now, µs since the start of the simulation.</summary>
    public double NowUs { get; private set; }

    public long EventsRun { get; private set; }

    public void At(double trueUs, Action action) => _events.Enqueue(action, (Math.Max(trueUs, NowUs), _seq++));

    /// <summary>Runs events until the queue is empty or the next one lies beyond <paramref name="untilUs"/>.</summary>
    public void RunUntil(double untilUs)
    {
        while (_events.TryPeek(out _, out var key) && key.At <= untilUs)
        {
            var action = _events.Dequeue();
            NowUs = key.At;
            action();
            EventsRun++;
        }
        NowUs = Math.Max(NowUs, untilUs);
    }
}
