using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;

namespace InfoRadio.LoadSim.Fleet;

/// <summary>
/// An MQTT connection that reads the socket in whole chunks. MQTTnet 5.2's channel adapter reads every packet in three
/// calls (two header bytes, the rest of the length byte by byte, then the body), each a <c>recv</c> system call on the
/// raw TCP channel, after a fourth that found nothing and waited. Thousands of simulated speakers in one process spent
/// a third of its CPU in those calls (a dotnet-trace profile of tools/Bench fanout at 5,000 speakers), CPU the
/// controller it measures needs on the same box. Here one <c>recv</c> fills a buffer and the adapter's small reads are
/// served from it. Writes go straight through.
/// </summary>
public sealed class ReadBufferedChannel(IMqttChannel inner, int bufferBytes = ReadBufferedChannel.DefaultBufferBytes) : IMqttChannel
{
    public const int DefaultBufferBytes = 4096;

    private readonly byte[] _buffer = new byte[bufferBytes];
    private int _start;
    private int _end;

    public X509Certificate2 ClientCertificate => inner.ClientCertificate;
    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;
    public EndPoint LocalEndPoint => inner.LocalEndPoint;
    public bool IsSecureConnection => inner.IsSecureConnection;

    public Task ConnectAsync(CancellationToken cancellationToken)
    {
        _start = _end = 0;
        return inner.ConnectAsync(cancellationToken);
    }

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_end > _start) return Task.FromResult(TakeBuffered(buffer, offset, count));
        // A read as large as the buffer gains nothing from copying through it.
        if (count >= _buffer.Length) return inner.ReadAsync(buffer, offset, count, cancellationToken);
        return FillThenTakeAsync(buffer, offset, count, cancellationToken);
    }

    private async Task<int> FillThenTakeAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        var read = await inner.ReadAsync(_buffer, 0, _buffer.Length, cancellationToken).ConfigureAwait(false);
        if (read <= 0) return read; // the peer closed the connection
        _start = 0;
        _end = read;
        return TakeBuffered(buffer, offset, count);
    }

    private int TakeBuffered(byte[] buffer, int offset, int count)
    {
        var taken = Math.Min(count, _end - _start);
        Buffer.BlockCopy(_buffer, _start, buffer, offset, taken);
        _start += taken;
        return taken;
    }

    public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, isEndOfPacket, cancellationToken);

    public void Dispose() => inner.Dispose();
}
