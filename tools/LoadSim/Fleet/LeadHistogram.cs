namespace InfoRadio.LoadSim.Fleet;

/// <summary>
/// Milliseconds in 1 ms buckets from -10 s to +10 s (outside that, the edge bucket): how long before (positive) or
/// after (negative) its playout deadline each audio packet arrived, or how long after its first sample's capture.
/// Lock-free: thousands of agents add to one histogram.
/// </summary>
public sealed class LeadHistogram
{
    private const int RangeMs = 10_000;
    private readonly long[] _buckets = new long[2 * RangeMs + 1];
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Add(double leadMs)
    {
        var bucket = (int)Math.Clamp(Math.Floor(leadMs), -RangeMs, RangeMs) + RangeMs;
        Interlocked.Increment(ref _buckets[bucket]);
        Interlocked.Increment(ref _count);
    }

    /// <summary>Starts over (the fleet's measuring window begins); adds racing with it land on either side.</summary>
    public void Reset()
    {
        for (var i = 0; i < _buckets.Length; i++) Interlocked.Exchange(ref _buckets[i], 0);
        Interlocked.Exchange(ref _count, 0);
    }

    /// <summary>Values of 0 ms or more: for leads, packets that arrived before their deadline.</summary>
    public long OnTime() => Totals().OnTime;

    /// <summary>
    /// All values and those of 0 ms or more, from one pass over the buckets: read apart while agents keep adding,
    /// the two could say more than 100 % on time.
    /// </summary>
    public (long Count, long OnTime) Totals()
    {
        long count = 0, onTime = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            var n = Interlocked.Read(ref _buckets[i]);
            count += n;
            if (i >= RangeMs) onTime += n;
        }
        return (count, onTime);
    }

    /// <summary>The lead (ms, bucket floor) below which <paramref name="fraction"/> of the packets fall; null when empty.</summary>
    public int? Percentile(double fraction)
    {
        var count = Count;
        if (count == 0) return null;
        var rank = (long)Math.Ceiling(fraction * count);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= Math.Max(rank, 1)) return i - RangeMs;
        }
        return RangeMs;
    }
}
