using System.Buffers;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Protocol.Audio;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Broadcasting;

public sealed class StreamDeadlinesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly long EpochUs = (Start - DateTimeOffset.UnixEpoch).Ticks / 10;

    private static byte[] Packet(uint stream, ulong position, int frames, AudioPacketFlags flags = AudioPacketFlags.None) => AudioPacketCodec.Encode(new AudioPacket
    {
        Stream = stream, Sequence = 1, Position = position, FrameSamples = 960, Flags = flags,
        Frames = Enumerable.Range(0, frames).Select(_ => (ReadOnlyMemory<byte>)new byte[] { 0xF8 }).ToArray(),
    });

    [Fact]
    public void The_last_sample_of_a_packet_sounds_at_epoch_plus_latency_plus_its_place()
    {
        var deadlines = new StreamDeadlines(new FakeTimeProvider(Start));
        deadlines.Open(7, EpochUs, 800);

        // Samples 48,000 … 57,599: the last one 1.199979 s into the stream, heard 0.8 s later.
        Assert.Equal(EpochUs + 800_000 + 1_199_979, deadlines.LastSampleUs(new ReadOnlySequence<byte>(Packet(7, 48_000, 10))));
        Assert.Null(deadlines.LastSampleUs(new ReadOnlySequence<byte>(Packet(8, 0, 10))));
        Assert.Null(deadlines.LastSampleUs(new ReadOnlySequence<byte>("{\"v\":1}"u8.ToArray())));
        Assert.Null(deadlines.LastSampleUs(ReadOnlySequence<byte>.Empty));
        Assert.Equal(1, deadlines.Count);
    }

    [Fact]
    public void A_header_split_over_segments_is_read_too()
    {
        var deadlines = new StreamDeadlines(new FakeTimeProvider(Start));
        deadlines.Open(7, EpochUs, 200);
        var bytes = Packet(7, 0, 2);
        var first = new Segment(bytes.AsMemory(0, 5));
        var last = first.Append(bytes.AsMemory(5));

        Assert.Equal(EpochUs + 200_000 + 39_979, deadlines.LastSampleUs(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length)));
    }

    [Fact]
    public void A_packet_is_past_only_once_its_last_sample_has_sounded()
    {
        var time = new FakeTimeProvider(Start);
        var deadlines = new StreamDeadlines(time);
        deadlines.Open(7, EpochUs, 800);
        var packet = new ReadOnlySequence<byte>(Packet(7, 0, 10)); // sounds from + 0.8 s until + 0.999979 s

        time.Advance(TimeSpan.FromMilliseconds(900));
        Assert.False(deadlines.IsPast(packet)); // half of it is still to sound
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(deadlines.IsPast(packet));
        // The end of the stream and a decoder reset always go out: they are more than samples.
        Assert.False(deadlines.IsPast(new ReadOnlySequence<byte>(Packet(7, 0, 10, AudioPacketFlags.End))));
        Assert.False(deadlines.IsPast(new ReadOnlySequence<byte>(Packet(7, 0, 0, AudioPacketFlags.End))));
        Assert.False(deadlines.IsPast(new ReadOnlySequence<byte>(Packet(7, 0, 10, AudioPacketFlags.Discontinuity))));
        deadlines.Close(7);
        Assert.False(deadlines.IsPast(packet));
        Assert.Equal(0, deadlines.Count);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
