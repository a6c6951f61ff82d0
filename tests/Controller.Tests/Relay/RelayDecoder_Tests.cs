using InfoRadio.Controller.Relay;

namespace InfoRadio.Controller.Tests.Relay;

/// <summary>Alone: the memory check reads the process's heap, which tests running beside it would grow.</summary>
[CollectionDefinition(nameof(RelayDecoder_Tests), DisableParallelization = true)]
public sealed class RelayDecoderCollection;

[Collection(nameof(RelayDecoder_Tests))]
public sealed class RelayDecoder_Tests
{
    /// <summary>An endless radio stream: the same MP3 frames over and over, forward-only, in short reads like a socket.</summary>
    private sealed class LoopingStream(byte[] mp3, long total) : Stream
    {
        private long _sent;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(Math.Min(count, 1_400), Math.Min(total - _sent, mp3.Length - _sent % mp3.Length));
            Array.Copy(mp3, _sent % mp3.Length, buffer, offset, n);
            _sent += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void Decodes_a_forward_only_stream_to_48_kHz_in_bounded_memory()
    {
        var mp3 = TestMp3.Tone(1000, 10, bitrateKbps: 32, sampleRate: 22_050);
        const int minutes = 4;
        var bytes = 32_000 / 8 * 60L * minutes;
        long samples = 0;
        long? memoryAfterOneMinute = null;
        var wrongTone = 0;
        string? format = null;
        RelayDecoder.Run(new LoopingStream(mp3, bytes), f => format = f, block =>
        {
            var before = samples / 4_800;
            samples += block.Length;
            if (block.Length >= 1_000 && samples > 48_000 && ToneMeter.Dominant(block, 1000, 300) != 1000) wrongTone++;
            if (memoryAfterOneMinute is null && samples >= 60 * 48_000) memoryAfterOneMinute = GC.GetTotalMemory(forceFullCollection: true);
        }, CancellationToken.None);
        var memoryAtEnd = GC.GetTotalMemory(forceFullCollection: true);

        Assert.Equal("MP3 22050 Hz 1 ch", format);
        Assert.InRange(samples, minutes * 60 * 48_000 - 48_000, minutes * 60 * 48_000 + 48_000);
        // Only where the 10 s file loops (its encoder padding makes a click) is a frame not the clean tone.
        Assert.InRange(wrongTone, 0, minutes * 6 + 1);
        // Three more minutes of stream must not grow what is held (NLayer keeps no history on a forward-only stream).
        Assert.True(memoryAtEnd - memoryAfterOneMinute!.Value < 2_000_000, $"grew by {memoryAtEnd - memoryAfterOneMinute.Value} bytes");
    }

    [Fact]
    public void Bytes_that_are_not_mp3_are_refused_as_a_request_problem()
    {
        var html = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<html><body>Không phải luồng âm thanh</body></html>", 200)));
        var e = Assert.Throws<RelaySourceException>(() => RelayDecoder.Run(new MemoryStream(html), _ => { }, _ => { }, CancellationToken.None));
        Assert.True(e.IsRequestProblem);
        Assert.Contains("no decodable MP3", e.Message);
    }
}
