using System.Diagnostics;

namespace InfoRadio.Bench.Processes;

/// <summary>This benchmark's own executable started again with a child verb; killed with its tree on dispose.</summary>
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

    public static ChildProcess Start(string name, params string[] args)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {name}");
        // Children log warnings only; forward them prefixed so a failing run explains itself.
        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) => child.Forward(e.Data);
        process.ErrorDataReceived += (_, e) => child.Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private volatile bool _disposed;

    private void Forward(string? line)
    {
        if (line is not null && !_disposed) Console.Error.WriteLine($"[{Name}] {line}");
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
