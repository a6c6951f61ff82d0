using System.Diagnostics;
using System.Net.Sockets;

namespace InfoRadio.Controller.Tests.Support;

/// <summary>A throwaway mosquitto 2 (Debian package) on a free loopback port, anonymous, without persistence.</summary>
public sealed class Mosquitto : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Process _process;

    private Mosquitto(int port)
    {
        Port = port;
        var config = Path.Combine(_dir.Path, "mosquitto.conf");
        File.WriteAllText(config, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n");
        _process = Process.Start(new ProcessStartInfo("mosquitto", ["-c", config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("mosquitto did not start (apt-get install mosquitto)");
    }

    public int Port { get; }

    public static async Task<Mosquitto> StartAsync()
    {
        var broker = new Mosquitto(FreePort.Next());
        await Poll.UntilAsync(() => broker._process.HasExited || broker.Accepts(), "mosquitto accepts connections");
        if (broker._process.HasExited)
            throw new InvalidOperationException($"mosquitto exited: {await broker._process.StandardError.ReadToEndAsync()}");
        return broker;
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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _dir.Dispose();
    }
}
