using System.Diagnostics;

namespace InfoRadio.Bench.Processes;

/// <summary>
/// A child program whose output a scenario reads as it comes (e.g. the load simulator's <c>READY</c> and
/// <c>RESULT</c> lines): every line is forwarded to stderr with a prefix, as <see cref="ChildProcess"/> does, and a
/// scenario waits for the first line that matches. Killed with its tree on dispose.
/// </summary>
public sealed class WatchedProcess : IDisposable
{
    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];
    private volatile bool _disposed;

    private WatchedProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <paramref name="program"/>: an assembly (.dll) with the same dotnet host as this benchmark, anything
    /// else as it is (looked up on PATH).
    /// </summary>
    public static WatchedProcess Start(string name, string program, IEnumerable<string> args)
    {
        ProcessStartInfo info;
        if (program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            var self = Environment.ProcessPath;
            info = new ProcessStartInfo(self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet");
            info.ArgumentList.Add(program);
        }
        else
        {
            info = new ProcessStartInfo(program);
        }
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {name} ({program})");
        var watched = new WatchedProcess(process, name);
        process.OutputDataReceived += (_, e) => watched.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => watched.OnLine(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => watched.OnExited();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return watched;
    }

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
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited (code {_process.ExitCode}) without the line awaited");
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

    public Task WaitForExitAsync(CancellationToken ct = default) => _process.WaitForExitAsync(ct);

    private void OnLine(string? line)
    {
        if (line is null) return;
        if (!_disposed) Console.Error.WriteLine($"[{Name}] {line}");
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
        // Output read asynchronously may still be arriving: the waiters fail only once it is all in.
        _process.WaitForExit();
        lock (_gate)
        {
            foreach (var (_, found) in _waiters)
                found.TrySetException(new InvalidOperationException($"{Name} exited (code {_process.ExitCode}) without the line awaited"));
            _waiters.Clear();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
