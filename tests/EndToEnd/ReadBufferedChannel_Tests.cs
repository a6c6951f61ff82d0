using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using InfoRadio.LoadSim.Fleet;
using MQTTnet.Channel;

namespace InfoRadio.EndToEnd.Tests;

public sealed class ReadBufferedChannel_Tests
{
    [Fact]
    public async Task Small_reads_are_served_from_one_socket_read_and_the_bytes_come_in_order_across_chunks()
    {
        var bytes = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var inner = new ChunkedChannel(bytes, chunk: 100);
        var channel = new ReadBufferedChannel(inner, bufferBytes: 64);

        var received = new List<byte>();
        var target = new byte[7];
        int read;
        while ((read = await channel.ReadAsync(target, 0, target.Length, CancellationToken.None)) > 0) received.AddRange(target.AsSpan(0, read).ToArray());

        Assert.Equal(bytes, received);
        // 300 bytes in reads of at most 64: five fills, then the end of the stream; 7-byte reads alone would be 43.
        Assert.Equal(6, inner.Reads);
    }

    [Fact]
    public async Task A_read_as_large_as_the_buffer_goes_straight_to_the_socket_once_the_buffer_is_empty()
    {
        var inner = new ChunkedChannel(Enumerable.Range(0, 200).Select(i => (byte)i).ToArray(), chunk: 200);
        var channel = new ReadBufferedChannel(inner, bufferBytes: 16);

        var header = new byte[2];
        Assert.Equal(2, await channel.ReadAsync(header, 0, 2, CancellationToken.None));
        var body = new byte[100];
        // 14 bytes are still buffered: they come first, alone.
        Assert.Equal(14, await channel.ReadAsync(body, 0, body.Length, CancellationToken.None));
        Assert.Equal(100, await channel.ReadAsync(body, 0, body.Length, CancellationToken.None));
        Assert.Equal(16, body[0]);
        Assert.Equal(2, inner.Reads);
        Assert.Equal(100, inner.LastReadCount);
    }

    [Fact]
    public async Task A_new_connection_starts_with_an_empty_buffer()
    {
        var inner = new ChunkedChannel([1, 2, 3, 4], chunk: 4);
        var channel = new ReadBufferedChannel(inner, bufferBytes: 16);
        var one = new byte[1];
        await channel.ReadAsync(one, 0, 1, CancellationToken.None);

        inner.Reset([9, 8]);
        await channel.ConnectAsync(CancellationToken.None);

        Assert.Equal(1, await channel.ReadAsync(one, 0, 1, CancellationToken.None));
        Assert.Equal(9, one[0]);
    }

    /// <summary>A stream that hands out at most <c>chunk</c> bytes per read, as a socket hands out what has arrived.</summary>
    private sealed class ChunkedChannel(byte[] bytes, int chunk) : IMqttChannel
    {
        private byte[] _bytes = bytes;
        private int _position;

        public int Reads { get; private set; }
        public int LastReadCount { get; private set; }

        public void Reset(byte[] next)
        {
            _bytes = next;
            _position = 0;
        }

        public X509Certificate2 ClientCertificate => null!;
        public EndPoint RemoteEndPoint => new IPEndPoint(IPAddress.Loopback, 1);
        public EndPoint LocalEndPoint => new IPEndPoint(IPAddress.Loopback, 2);
        public bool IsSecureConnection => false;
        public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task DisconnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Reads++;
            LastReadCount = count;
            var n = Math.Min(Math.Min(count, chunk), _bytes.Length - _position);
            Array.Copy(_bytes, _position, buffer, offset, n);
            _position += n;
            return Task.FromResult(n);
        }

        public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken) => Task.CompletedTask;
        public void Dispose() { }
    }
}
