using InfoRadio.DeviceAgent.Playback;

namespace InfoRadio.DeviceAgent.Tests.Playback;

public sealed class JitterBufferTests
{
    private const int Fs = 960;

    private static BufferedFrame Frame(byte tag) => new(new byte[] { tag, tag });

    [Fact]
    public void Frames_arriving_out_of_order_come_out_in_timeline_order()
    {
        var buffer = new JitterBuffer(16);
        foreach (var k in new[] { 3, 0, 2, 1 }) Assert.Equal(JitterAddResult.Added, buffer.Add((ulong)(k * Fs), Frame((byte)k)));

        var tags = new List<byte>();
        for (ulong p = 0; p < 4 * Fs; p += Fs)
        {
            Assert.True(buffer.TryTake(p, Fs, out var frame));
            tags.Add(frame.Data.Span[0]);
        }
        Assert.Equal(new byte[] { 0, 1, 2, 3 }, tags);
        Assert.Equal(0, buffer.Count);
    }

    [Fact]
    public void Peeking_at_the_next_frame_leaves_it_for_its_turn()
    {
        var buffer = new JitterBuffer(16);
        buffer.Add(2 * Fs, Frame(2));

        Assert.False(buffer.TryTake(Fs, Fs, out _)); // frame 1 is missing
        Assert.True(buffer.TryPeek(2 * Fs, out var next));
        Assert.Equal(2, next.Data.Span[0]);
        Assert.False(buffer.TryPeek(3 * Fs, out _));
        Assert.Equal(1, buffer.Count);
        Assert.True(buffer.TryTake(2 * Fs, Fs, out var taken));
        Assert.Equal(next, taken);
    }

    [Fact]
    public void A_duplicate_position_is_rejected_and_the_first_copy_kept()
    {
        var buffer = new JitterBuffer(16);
        buffer.Add(Fs, Frame(1));
        Assert.Equal(JitterAddResult.Duplicate, buffer.Add(Fs, Frame(9)));
        Assert.Equal(1, buffer.Duplicates);
        Assert.True(buffer.TryTake(Fs, Fs, out var frame));
        Assert.Equal(1, frame.Data.Span[0]);
    }

    [Fact]
    public void A_frame_behind_the_playout_position_is_late_and_dropped()
    {
        var buffer = new JitterBuffer(16);
        buffer.Add(0, Frame(0));
        Assert.True(buffer.TryTake(0, Fs, out _));
        Assert.False(buffer.TryTake(Fs, Fs, out _)); // frame 1 missing when its turn came

        Assert.Equal(JitterAddResult.Late, buffer.Add(Fs, Frame(1)));
        Assert.Equal(JitterAddResult.Late, buffer.Add(0, Frame(0)));
        Assert.Equal(JitterAddResult.Added, buffer.Add(2 * Fs, Frame(2)));
        Assert.Equal(2, buffer.Late);
        Assert.Equal((ulong)(2 * Fs), buffer.Floor);
    }

    [Fact]
    public void Advancing_drops_everything_before_the_new_floor()
    {
        var buffer = new JitterBuffer(16);
        for (var k = 0; k < 6; k++) buffer.Add((ulong)(k * Fs), Frame((byte)k));
        buffer.AdvanceTo(3 * Fs);
        Assert.Equal(3, buffer.Count);
        Assert.Equal((ulong)(3 * Fs), buffer.FirstPosition);
    }

    [Fact]
    public void When_full_it_keeps_the_frames_needed_soonest()
    {
        var buffer = new JitterBuffer(3);
        buffer.Add(10 * Fs, Frame(10));
        buffer.Add(20 * Fs, Frame(20));
        buffer.Add(30 * Fs, Frame(30));

        Assert.Equal(JitterAddResult.Overflow, buffer.Add(40 * Fs, Frame(40)));
        Assert.Equal(JitterAddResult.Added, buffer.Add(5 * Fs, Frame(5)));

        Assert.Equal(3, buffer.Count);
        Assert.Equal(2, buffer.Overflows);
        Assert.True(buffer.TryTake(5 * Fs, Fs, out _));
        Assert.True(buffer.TryTake(10 * Fs, Fs, out _));
        Assert.True(buffer.TryTake(20 * Fs, Fs, out _));
        Assert.False(buffer.TryTake(30 * Fs, Fs, out _)); // evicted for the earlier frame
    }

    [Fact]
    public void The_end_position_is_known_after_the_end_packet_and_bounds_the_stream()
    {
        var buffer = new JitterBuffer(16);
        for (var k = 0; k < 5; k++) buffer.Add((ulong)(k * Fs), Frame((byte)k));
        Assert.Null(buffer.EndPosition);

        buffer.MarkEnd(3 * Fs);
        buffer.MarkEnd(10 * Fs); // a duplicate end packet must not move it

        Assert.Equal((ulong)(3 * Fs), buffer.EndPosition);
        Assert.Equal(3, buffer.Count);
        Assert.Equal(JitterAddResult.BeyondEnd, buffer.Add(3 * Fs, Frame(3)));
        Assert.Equal(JitterAddResult.Added, buffer.Add(Fs / 2, Frame(99)));
    }

    [Fact]
    public void Taking_a_missing_frame_still_moves_the_floor()
    {
        var buffer = new JitterBuffer(16);
        buffer.Add(2 * Fs, Frame(2));
        Assert.False(buffer.TryTake(0, Fs, out _));
        Assert.Equal((ulong)Fs, buffer.Floor);
        Assert.Equal(1, buffer.Count);
    }
}
