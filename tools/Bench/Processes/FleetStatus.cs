using System.Diagnostics;
using System.Globalization;

namespace InfoRadio.Bench.Processes;

/// <summary>
/// The latest <c>STATUS connected=N receiving=N agents=N</c> line of a load simulator child (<c>run --status-ms</c>):
/// how many of its speakers are connected to the broker and how many received audio in the last second.
/// </summary>
public sealed class FleetStatus
{
    private int _connected;
    private int _receiving;
    private long _readAt;

    public int Connected => Volatile.Read(ref _connected);
    public int Receiving => Volatile.Read(ref _receiving);

    /// <summary>When the latest line was read (<see cref="Stopwatch.GetTimestamp"/>); 0 before the first.</summary>
    public long ReadAt => Volatile.Read(ref _readAt);

    /// <summary>Takes one line of the child's output; other lines are ignored.</summary>
    public void Read(string line)
    {
        if (!line.StartsWith("STATUS ", StringComparison.Ordinal)) return;
        foreach (var pair in line.AsSpan(7).ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !int.TryParse(pair.AsSpan(eq + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) continue;
            switch (pair[..eq])
            {
                case "connected": Volatile.Write(ref _connected, value); break;
                case "receiving": Volatile.Write(ref _receiving, value); break;
            }
        }
        Volatile.Write(ref _readAt, Stopwatch.GetTimestamp());
    }
}
