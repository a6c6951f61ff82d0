using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace InfoRadio.DeviceAgent.Tests.Support;

/// <summary>
/// A loopback TCP relay in front of the broker, so a test can cut the device's link like a dying 4G modem:
/// the sockets are reset, no DISCONNECT is sent, and the broker must fire the Last Will.
/// </summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Socket, bool> _sockets = new();
    private readonly Task _accepting;

    public TcpRelay(int targetPort)
    {
        _target = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Resets every relayed connection at once.</summary>
    public void CutAll()
    {
        foreach (var socket in _sockets.Keys)
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0); // RST instead of FIN
                socket.Close();
            }
            catch (SocketException)
            {
            }
            _sockets.TryRemove(socket, out _);
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptSocketAsync(_stop.Token);
                var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
                }
                catch (SocketException)
                {
                    client.Close();
                    server.Dispose();
                    continue;
                }
                _sockets[client] = true;
                _sockets[server] = true;
                _ = PumpAsync(client, server);
                _ = PumpAsync(server, client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0) break;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
        try
        {
            to.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        CutAll();
        await _accepting;
        _stop.Dispose();
    }
}
