using InfoRadio.Protocol;

namespace InfoRadio.Bench.Scenarios;

/// <summary>One block of an agent's sink timing log: its first sample's index in the output and when it left.</summary>
public readonly record struct SinkBlock(long Index, int Count, long UnixUs);

/// <summary>
/// Finds the latency signal's bursts in an agent's output and dates them with the agent's sink timing log. Pure.
/// </summary>
public static class MarkerDetector
{
    /// <summary>Reads a sink timing log (<c>index,count,unixUs</c> lines after a comment and a header).</summary>
    public static IReadOnlyList<SinkBlock> ReadTimingLog(string path)
    {
        if (!File.Exists(path)) return [];
        var blocks = new List<SinkBlock>();
        foreach (var line in File.ReadLines(path))
        {
            var fields = line.Split(',');
            if (fields.Length == 3 && long.TryParse(fields[0], out var index) && int.TryParse(fields[1], out var count)
                && long.TryParse(fields[2], out var unixUs))
                blocks.Add(new SinkBlock(index, count, unixUs));
        }
        return blocks;
    }

    /// <summary>
    /// First index in [<paramref name="from"/>, <paramref name="to"/>) where the signal reaches the threshold while the
    /// span from 10 ms to 3 ms before stayed below half of it: the start of a burst, not a later cycle of one. The
    /// 3 ms left out are the burst's own rise, which the codec may smear a little ahead of it.
    /// </summary>
    public static int FindOnset(ReadOnlySpan<float> signal, int from, int to)
    {
        var quietFrom = ProtocolVersion.SampleRate * 10 / 1000;
        var quietTo = ProtocolVersion.SampleRate * 3 / 1000;
        for (var i = Math.Max(quietFrom, from); i < Math.Min(to, signal.Length); i++)
        {
            if (Math.Abs(signal[i]) < LatencySignal.Threshold) continue;
            var quiet = true;
            foreach (var x in signal[(i - quietFrom)..(i - quietTo)])
            {
                if (Math.Abs(x) < LatencySignal.Threshold / 2) continue;
                quiet = false;
                break;
            }
            if (quiet) return i;
        }
        return -1;
    }

    /// <summary>The candidate frequency with the most energy in the 20 ms after <paramref name="onset"/> (Goertzel).</summary>
    public static double DominantFrequency(ReadOnlySpan<float> signal, int onset)
    {
        var length = Math.Min(ProtocolVersion.SampleRate / 50, signal.Length - onset);
        var window = signal.Slice(onset, length);
        var best = 0.0;
        var bestPower = double.NegativeInfinity;
        foreach (var frequency in LatencySignal.Frequencies)
        {
            var coefficient = 2 * Math.Cos(2 * Math.PI * frequency / ProtocolVersion.SampleRate);
            double s1 = 0, s2 = 0;
            foreach (var x in window) (s1, s2) = (x + coefficient * s1 - s2, s1);
            var power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
            if (power > bestPower) (best, bestPower) = (frequency, power);
        }
        return best;
    }

    /// <summary>Unix µs at which output sample <paramref name="index"/> left the sink: its block's instant plus its place in the block at 48 kHz.</summary>
    public static long? LeftAtUs(IReadOnlyList<SinkBlock> blocks, long index)
    {
        var lo = 0;
        var hi = blocks.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var block = blocks[mid];
            if (index < block.Index) hi = mid - 1;
            else if (index >= block.Index + block.Count) lo = mid + 1;
            else return block.UnixUs + (index - block.Index) * 1_000_000 / ProtocolVersion.SampleRate;
        }
        return null;
    }

    /// <summary>First output index that left the sink at or after <paramref name="unixUs"/>.</summary>
    public static long FirstIndexAtOrAfter(IReadOnlyList<SinkBlock> blocks, long unixUs)
    {
        foreach (var block in blocks)
            if (block.UnixUs >= unixUs) return block.Index;
        return blocks.Count == 0 ? 0 : blocks[^1].Index + blocks[^1].Count;
    }

    /// <summary>
    /// The output index where <paramref name="marker"/> begins: the first burst onset that left the sink after the
    /// marker entered the controller (nothing leaves before it arrives) and carries the marker's pitch; −1 if none
    /// within <paramref name="window"/>.
    /// </summary>
    public static int Find(ReadOnlySpan<float> output, IReadOnlyList<SinkBlock> blocks, LatencyMarker marker, long enteredUs, TimeSpan window)
    {
        var from = (int)FirstIndexAtOrAfter(blocks, enteredUs);
        var to = (int)Math.Min(output.Length, FirstIndexAtOrAfter(blocks, enteredUs + (long)window.TotalMicroseconds));
        while (from < to)
        {
            var onset = FindOnset(output, from, to);
            if (onset < 0) return -1;
            if (DominantFrequency(output, onset) == marker.FrequencyHz) return onset;
            from = onset + LatencySignal.BurstSamples;
        }
        return -1;
    }
}
