namespace InfoRadio.Bench.Processes;

/// <summary>
/// A child program whose output a scenario reads as it comes (e.g. the load simulator's <c>READY</c> and
/// <c>RESULT</c> lines): a <see cref="ChildProcess"/> (which starts it, forwards its lines to stderr with a prefix and
/// kills it with its tree on dispose) plus the lines seen so far, so a scenario can wait for the first that matches.
/// </summary>
public sealed class WatchedProcess : IDisposable
{
    private readonly ChildProcess _child;
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];

    private WatchedProcess(ChildProcess child)
    {
        _child = child;
        child.LineReceived += OnLine;
        // WaitForExitAsync also waits for the redirected output to be read: the waiters fail only once it is all in.
        _ = child.WaitForExitAsync().ContinueWith(_ => OnExited(), TaskScheduler.Default);
    }

    public string Name => _child.Name;
    public int Id => _child.Id;
    public bool HasExited => _child.HasExited;

    /// <summary>
    /// Starts <paramref name="program"/>: an assembly (.dll) with the same dotnet host as this benchmark, anything
    /// else as it is (looked up on PATH).
    /// </summary>
    public static WatchedProcess Start(string name, string program, IEnumerable<string> args) =>
        new(ChildProcess.StartProgram(name, program, args));

    /// <summary>
    /// The first line (already printed or still to come) for which <paramref name="match"/> holds; fails when the
    /// process exits without printing one or <paramref name="timeout"/> passes.
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        TaskCompletionSource<string> found = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_lines.FirstOrDefault(match) is { } seen) return seen;
            if (_child.HasExited) throw new InvalidOperationException($"{Name} exited (code {_child.ExitCode}) without the line awaited");
            _waiters.Add((match, found));
        }
        try
        {
            return await found.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} printed no line awaited within {timeout.TotalSeconds:0} s");
        }
    }

    public Task<string> WaitForLineAsync(string prefix, TimeSpan timeout) =>
        WaitForLineAsync(l => l.StartsWith(prefix, StringComparison.Ordinal), timeout);

    public Task WaitForExitAsync(CancellationToken ct = default) => _child.WaitForExitAsync(ct);

    private void OnLine(string line)
    {
        lock (_gate)
        {
            _lines.Add(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (!_waiters[i].Match(line)) continue;
                _waiters[i].Found.TrySetResult(line);
                _waiters.RemoveAt(i);
            }
        }
    }

    private void OnExited()
    {
        lock (_gate)
        {
            foreach (var (_, found) in _waiters)
                found.TrySetException(new InvalidOperationException($"{Name} exited (code {_child.ExitCode}) without the line awaited"));
            _waiters.Clear();
        }
    }

    public void Dispose() => _child.Dispose();
}
