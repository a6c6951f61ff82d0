using System.Diagnostics;
using System.Net.Sockets;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests.Chaos;

/// <summary>
/// A throwaway mosquitto 2 (Debian package) on a fixed loopback port, anonymous and without persistence, that a test
/// can kill and start again on the same port: a broker restart loses every retained message and every session.
/// </summary>
public sealed class RestartableMosquitto : IAsyncDisposable
{
    private readonly string _config;
    private Process? _process;

    public RestartableMosquitto(string folder)
    {
        Port = FreePort.Next();
        Directory.CreateDirectory(folder);
        _config = Path.Combine(folder, "mosquitto.conf");
        File.WriteAllText(_config, $"listener {Port} 127.0.0.1\nallow_anonymous true\npersistence false\n");
    }

    public int Port { get; }

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("mosquitto", ["-c", _config]) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("mosquitto did not start (apt-get install mosquitto)");
        var process = _process;
        await Eventually.TrueAsync(() => Task.FromResult(process.HasExited || Accepts()), TimeSpan.FromSeconds(10), "mosquitto accepts connections");
        if (process.HasExited) throw new InvalidOperationException($"mosquitto exited: {await process.StandardError.ReadToEndAsync()}");
    }

    /// <summary>SIGKILL: the broker goes without a word to its clients, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    private bool Accepts()
    {
        try
        {
            using var tcp = new TcpClient();
            tcp.Connect("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => new(KillAsync());
}
