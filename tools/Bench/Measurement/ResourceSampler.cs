namespace InfoRadio.Bench.Measurement;

/// <summary>
/// Samples a process's /proc figures at a fixed interval: keeps the highest resident set size seen and the CPU time
/// at each instant, so that CPU use over any period of the run can be worked out afterwards.
/// </summary>
public sealed class ResourceSampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<(DateTimeOffset At, TimeSpan Cpu)> _cpu = [];
    private long _maxRss;

    public ResourceSampler(int pid, TimeSpan interval)
    {
        _pid = pid;
        _loop = RunAsync(interval, _stop.Token);
    }

    public long MaxRssBytes => Interlocked.Read(ref _maxRss);

    /// <summary>The reading with the highest resident set size.</summary>
    public ProcessStats? AtMax { get; private set; }
    public ProcessStats? Last { get; private set; }

    private async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            if (ProcessStats.Read(_pid) is { } stats)
            {
                Last = stats;
                lock (_cpu) _cpu.Add((DateTimeOffset.UtcNow, stats.Cpu));
                if (stats.RssBytes > Interlocked.Read(ref _maxRss))
                {
                    AtMax = stats;
                    Interlocked.Exchange(ref _maxRss, stats.RssBytes);
                }
            }
        }
        while (await WaitAsync(timer, cancellationToken));
    }

    /// <summary>CPU time used between two instants of the run, and the wall time between the samples used.</summary>
    public (TimeSpan Cpu, TimeSpan Wall) CpuBetween(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_cpu)
        {
            if (_cpu.Count == 0) throw new InvalidOperationException("no samples");
            var first = _cpu.MinBy(s => Math.Abs((s.At - from).Ticks));
            var last = _cpu.MinBy(s => Math.Abs((s.At - to).Ticks));
            return (last.Cpu - first.Cpu, last.At - first.At);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
