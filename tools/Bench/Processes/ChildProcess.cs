using System.Diagnostics;

namespace InfoRadio.Bench.Processes;

/// <summary>A child process of a scenario (this benchmark with a child verb, or a sibling program); killed with its tree on dispose.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>Each line the child prints (stdout and stderr), as it comes; called on a thread-pool thread.</summary>
    public event Action<string>? LineReceived;

    public Task WaitForExitAsync(CancellationToken ct = default) => _process.WaitForExitAsync(ct);

    /// <summary>SIGKILL, the whole tree: the child gets no chance to clean up (a crash, a power cut).</summary>
    public Task KillAsync(CancellationToken ct = default)
    {
        try { _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        return _process.WaitForExitAsync(ct);
    }

    /// <summary>SIGTERM (what systemd sends on stop): the child shuts down as it would in service.</summary>
    public async Task TerminateAsync(CancellationToken ct = default)
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })
            ?? throw new InvalidOperationException("could not run kill"))
            await kill.WaitForExitAsync(ct);
        await _process.WaitForExitAsync(ct);
    }

    /// <summary>Starts this benchmark again with a child verb (e.g. <c>__controller</c>).</summary>
    public static ChildProcess Start(string name, params string[] args) => StartNiced(name, 0, args);

    /// <summary>
    /// Starts this benchmark again with a child verb, under <c>nice -n <paramref name="niceness"/></c> when it is not 0:
    /// every thread of the child is born with that niceness (a process-wide priority set from inside reaches only the
    /// threads that exist then, on Linux).
    /// </summary>
    public static ChildProcess StartNiced(string name, int niceness, params string[] args)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var info = new ProcessStartInfo(niceness == 0 ? self : "nice");
        if (niceness != 0)
        {
            info.ArgumentList.Add("-n");
            info.ArgumentList.Add(niceness.ToString(System.Globalization.CultureInfo.InvariantCulture));
            info.ArgumentList.Add(self);
        }
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // The controller's code runs in this benchmark's process image, whose runtimeconfig is not the controller's:
        // give it the runtime settings the controller ships with (src/Controller: the Web SDK's server GC, thread pool
        // workers that do not spin), or its pauses and CPU differ from what is measured.
        if (args is ["__controller", ..])
        {
            info.Environment["DOTNET_gcServer"] = "1";
            info.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
        }
        return Start(name, info);
    }

    /// <summary>
    /// Starts another program (e.g. the real speaker agent): a native executable as it is, an assembly (.dll) with
    /// the same dotnet host as this benchmark.
    /// </summary>
    public static ChildProcess StartProgram(string name, string path, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        ProcessStartInfo info;
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            var self = Environment.ProcessPath;
            info = new ProcessStartInfo(self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet");
            info.ArgumentList.Add(path);
        }
        else
        {
            info = new ProcessStartInfo(path);
        }
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        return Start(name, info);
    }

    private static ChildProcess Start(string name, ProcessStartInfo info)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {name}");
        // Forward what children print, prefixed, so a failing run explains itself.
        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) => child.Forward(e.Data);
        process.ErrorDataReceived += (_, e) => child.Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private volatile bool _disposed;

    /// <summary>Echo what the child prints to this process's stderr, prefixed (default); off when a caller reads <see cref="LineReceived"/> alone.</summary>
    public bool Echo { get; set; } = true;

    private void Forward(string? line)
    {
        if (line is null || _disposed) return;
        LineReceived?.Invoke(line);
        if (Echo) Console.Error.WriteLine($"[{Name}] {line}");
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
