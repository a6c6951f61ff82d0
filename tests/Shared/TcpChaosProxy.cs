using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace InfoRadio.Testing;

/// <summary>
/// A loopback TCP forwarder put between a client (an agent) and a server (the broker) that misbehaves on demand,
/// the way a 4G link does: <see cref="CutAll"/> resets every open connection now; <see cref="RefuseFor"/> /
/// <see cref="Refusing"/> resets new connections as soon as they arrive; <see cref="Latency"/> delays every chunk
/// each way; <see cref="Stalled"/> is a blackhole (connections stay open and accepted, nothing is forwarded until
/// it is lifted; what was held back then flows, as after TCP retransmission); <see cref="DropAfterBytes"/> resets
/// each connection once that many bytes (both ways together) went through it. Real sockets, no sleeps.
/// </summary>
/// <example>
/// <code>
/// await using var proxy = TcpChaosProxy.Start("127.0.0.1", brokerPort);
/// // point the agent at 127.0.0.1:proxy.Port, then:
/// proxy.CutAll();
/// proxy.RefuseFor(TimeSpan.FromSeconds(3));
/// proxy.Latency = TimeSpan.FromMilliseconds(200);
/// </code>
/// </example>
public sealed class TcpChaosProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<long, Pipe> _pipes = new();
    private readonly Task _accepting;
    private TaskCompletionSource _flowing = NewOpenGate();
    private long _refuseUntilTicks;
    private long _nextId;
    private long _accepted;
    private long _refused;
    private long _cuts;
    private long _latencyTicks;
    private long _dropAfter = -1;

    private TcpChaosProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(512);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptLoopAsync();
    }

    /// <summary>Listens on a free loopback port and forwards every connection to <paramref name="targetHost"/>:<paramref name="targetPort"/>.</summary>
    public static TcpChaosProxy Start(string targetHost, int targetPort) => new(targetHost, targetPort);

    /// <summary>The loopback port clients connect to.</summary>
    public int Port { get; }

    /// <summary>Connections open now (forwarding or stalled).</summary>
    public int OpenConnections => _pipes.Count;

    /// <summary>Connections accepted and forwarded since the start (refused ones not counted).</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Connections reset on arrival while refusing.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Connections this proxy reset: by <see cref="CutAll"/> or by <see cref="DropAfterBytes"/>.</summary>
    public long Cuts => Interlocked.Read(ref _cuts);

    /// <summary>Delay added to every chunk in each direction (zero: none). Applies to chunks read from now on.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>When set, each connection (open or new) is reset once this many bytes went through it, both ways together.</summary>
    public long? DropAfterBytes
    {
        get => Interlocked.Read(ref _dropAfter) is var n and >= 0 ? n : null;
        set => Interlocked.Exchange(ref _dropAfter, value is { } n ? Math.Max(0, n) : -1);
    }

    /// <summary>Blackhole: while true, connections are accepted and kept but nothing is forwarded either way.</summary>
    public bool Stalled
    {
        get => !Volatile.Read(ref _flowing).Task.IsCompleted;
        set
        {
            if (value)
            {
                if (Volatile.Read(ref _flowing).Task.IsCompleted) Volatile.Write(ref _flowing, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
            else
            {
                Volatile.Read(ref _flowing).TrySetResult();
            }
        }
    }

    /// <summary>While true, new connections are reset as soon as they are accepted (the client sees a reset, not a hang).</summary>
    public bool Refusing
    {
        get => Interlocked.Read(ref _refuseUntilTicks) > Environment.TickCount64;
        set => Interlocked.Exchange(ref _refuseUntilTicks, value ? long.MaxValue : 0);
    }

    /// <summary>Refuses new connections for <paramref name="duration"/> from now (see <see cref="Refusing"/>).</summary>
    public void RefuseFor(TimeSpan duration) =>
        Interlocked.Exchange(ref _refuseUntilTicks, Environment.TickCount64 + (long)duration.TotalMilliseconds);

    /// <summary>Resets every open connection now (both ends see a TCP reset). Returns how many were cut.</summary>
    public int CutAll()
    {
        var cut = 0;
        foreach (var pipe in _pipes.Values)
            if (pipe.Reset()) cut++;
        Interlocked.Add(ref _cuts, cut);
        return cut;
    }

    private static TaskCompletionSource NewOpenGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            if (Refusing)
            {
                Interlocked.Increment(ref _refused);
                ResetSocket(client);
                continue;
            }
            _ = ConnectAndForwardAsync(client);
        }
    }

    private async Task ConnectAndForwardAsync(Socket client)
    {
        var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await upstream.ConnectAsync(_targetHost, _targetPort, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            ResetSocket(client);
            upstream.Dispose();
            return;
        }
        client.NoDelay = true;
        Interlocked.Increment(ref _accepted);
        var id = Interlocked.Increment(ref _nextId);
        var pipe = new Pipe(this, client, upstream);
        _pipes[id] = pipe;
        try
        {
            await pipe.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            _pipes.TryRemove(id, out _);
        }
    }

    private static void ResetSocket(Socket socket)
    {
        try
        {
            // Linger 0: close sends RST, so the far end learns at once instead of after a timeout.
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
        socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Stalled = false;
        CutAll();
        await _accepting.ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>One forwarded connection: two directions, each a reader (stamps chunks) and a writer (honours latency and stalls).</summary>
    private sealed class Pipe(TcpChaosProxy proxy, Socket client, Socket upstream)
    {
        private readonly CancellationTokenSource _cut = new();
        private long _bytes;
        private int _reset;

        public async Task RunAsync()
        {
            var token = _cut.Token;
            await Task.WhenAll(
                PumpAsync(client, upstream, token),
                PumpAsync(upstream, client, token)).ConfigureAwait(false);
            Reset();
            _cut.Dispose();
        }

        public bool Reset()
        {
            if (Interlocked.Exchange(ref _reset, 1) != 0) return false;
            try
            {
                _cut.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
            ResetSocket(client);
            ResetSocket(upstream);
            return true;
        }

        private async Task PumpAsync(Socket from, Socket to, CancellationToken token)
        {
            var chunks = Channel.CreateUnbounded<(byte[] Data, long DueTicks)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            var writing = WriteAsync(chunks.Reader, to, token);
            try
            {
                var buffer = new byte[16 * 1024];
                while (true)
                {
                    var read = await from.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false);
                    if (read == 0) break;
                    var due = Environment.TickCount64 + (long)proxy.Latency.TotalMilliseconds;
                    chunks.Writer.TryWrite((buffer.AsSpan(0, read).ToArray(), due));
                }
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
            chunks.Writer.TryComplete();
            await writing.ConfigureAwait(false);
            // One side closed: the whole connection goes, as a NAT box would drop it.
            Reset();
        }

        private async Task WriteAsync(ChannelReader<(byte[] Data, long DueTicks)> chunks, Socket to, CancellationToken token)
        {
            try
            {
                await foreach (var (data, due) in chunks.ReadAllAsync(token).ConfigureAwait(false))
                {
                    var wait = due - Environment.TickCount64;
                    if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(wait), token).ConfigureAwait(false);
                    await Volatile.Read(ref proxy._flowing).Task.WaitAsync(token).ConfigureAwait(false);
                    var payload = data.AsMemory();
                    if (proxy.DropAfterBytes is { } limit)
                    {
                        var before = Interlocked.Add(ref _bytes, payload.Length) - payload.Length;
                        if (before + payload.Length > limit)
                        {
                            var allowed = (int)Math.Max(0, limit - before);
                            if (allowed > 0) await to.SendAsync(payload[..allowed], SocketFlags.None, token).ConfigureAwait(false);
                            if (Reset()) Interlocked.Increment(ref proxy._cuts);
                            return;
                        }
                    }
                    else
                    {
                        Interlocked.Add(ref _bytes, payload.Length);
                    }
                    while (!payload.IsEmpty)
                    {
                        var sent = await to.SendAsync(payload, SocketFlags.None, token).ConfigureAwait(false);
                        payload = payload[sent..];
                    }
                }
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                Reset();
            }
        }
    }
}
