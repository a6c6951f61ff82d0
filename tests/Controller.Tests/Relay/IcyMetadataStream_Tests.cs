using System.Text;
using InfoRadio.Controller.Relay;

namespace InfoRadio.Controller.Tests.Relay;

public sealed class IcyMetadataStream_Tests
{
    private static (byte[] Wire, byte[] Audio) Interleave(int audioLength, int metaInterval, Func<int, string> title)
    {
        var audio = Enumerable.Range(0, audioLength).Select(i => (byte)(i * 7 + 3)).ToArray();
        var wire = new List<byte>();
        for (int i = 0, block = 0; i < audio.Length; i += metaInterval, block++)
        {
            wire.AddRange(audio.Skip(i).Take(metaInterval));
            if (i + metaInterval > audio.Length) break;
            var text = Encoding.UTF8.GetBytes(title(block));
            var blocks = (text.Length + 15) / 16;
            wire.Add((byte)blocks);
            wire.AddRange(text);
            wire.AddRange(new byte[blocks * 16 - text.Length]);
        }
        return (wire.ToArray(), audio);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(4096)]
    public void Strips_every_metadata_block_whatever_the_read_size(int readSize)
    {
        var (wire, audio) = Interleave(10_000, 256, b => b % 3 == 0 ? "" : $"StreamTitle='Tin sáng {b}';StreamUrl='';");
        using var icy = new IcyMetadataStream(new OneByteAtATimeStream(new MemoryStream(wire), 5), 256);
        var output = new MemoryStream();
        var buffer = new byte[readSize];
        int n;
        while ((n = icy.Read(buffer, 0, buffer.Length)) > 0) output.Write(buffer, 0, n);

        Assert.Equal(audio, output.ToArray());
        Assert.Equal(10_000 / 256, icy.MetadataBlocks);
        Assert.Equal("Tin sáng 38", icy.StreamTitle);
    }

    [Fact]
    public void A_stream_cut_inside_a_metadata_block_ends_cleanly()
    {
        var (wire, audio) = Interleave(1_000, 100, _ => "StreamTitle='x';");
        using var icy = new IcyMetadataStream(new MemoryStream(wire[..(100 + 1 + 5)]), 100);
        var output = new MemoryStream();
        icy.CopyTo(output);
        Assert.Equal(audio[..100], output.ToArray());
    }

    [Theory]
    [InlineData("StreamTitle='Đài Tiếng nói Việt Nam';", "Đài Tiếng nói Việt Nam")]
    [InlineData("StreamTitle='';", "")]
    [InlineData("StreamUrl='http://x';", null)]
    [InlineData("StreamTitle='no end", "no end")]
    public void Parses_the_stream_title(string block, string? title)
    {
        var bytes = Encoding.UTF8.GetBytes(block).Concat(new byte[5]).ToArray();
        Assert.Equal(title, IcyMetadataStream.ParseTitle(bytes));
    }

    /// <summary>A network-like stream: short reads, not seekable.</summary>
    private sealed class OneByteAtATimeStream(Stream inner, int max) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, max));
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
