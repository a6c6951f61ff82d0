using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Tests.Support;

namespace InfoRadio.Protocol.Tests.Audio;

/// <summary>
/// Seeded random input: Parse must never throw, and whatever it accepts must be a packet that re-encodes to exactly the
/// bytes it came from (a v1 packet has one encoding, so an accepted buffer that re-encodes differently was misread).
/// </summary>
public class AudioPacketCodec_Fuzz_Tests
{
    private const int Seed = 20_260_101;

    private static string? ParseAndCheck(byte[] bytes)
    {
        var result = AudioPacketCodec.Parse(bytes); // an exception here fails the test with the input's seed below
        if (!result.IsOk) return result.Error;
        Assert.Null(AudioPacketCodec.Validate(result.Value));
        Assert.Equal(Hex.Format(bytes), Hex.Format(AudioPacketCodec.Encode(result.Value)));
        return null;
    }

    [Fact]
    public void Random_valid_packets_round_trip()
    {
        var random = new Random(Seed);
        for (var i = 0; i < 2_000; i++)
        {
            var packet = Packets.Random(random, maxFrameBytes: i % 100 == 0 ? AudioPacketCodec.MaxFrameBytes : 60);
            var bytes = AudioPacketCodec.Encode(packet);
            Assert.Null(ParseAndCheck(bytes));
            Packets.AssertEqual(packet, AudioPacketCodec.Parse(bytes).Value!);
        }
    }

    [Fact]
    public void Mutated_valid_packets_never_throw_and_are_either_rejected_or_canonical()
    {
        var random = new Random(Seed + 1);
        var reasons = new HashSet<string>();
        var accepted = 0;
        const int Runs = 20_000;
        for (var i = 0; i < Runs; i++)
        {
            var bytes = Mutate(random, AudioPacketCodec.Encode(Packets.Random(random, maxFrameBytes: 40)));
            var reason = ParseAndCheck(bytes);
            if (reason is null) accepted++;
            else reasons.Add(Category(reason));
        }
        // The mutations must reach every rule, and some must survive them (e.g. a flipped bit inside a frame).
        Assert.InRange(accepted, Runs / 50, Runs - Runs / 50);
        string[] expected =
        [
            "shorter than", "unsupported packet version", "unknown flag bits", "unknown codec", "do not fit", "runs past the end",
            "follow the last frame", "not an Opus frame size", "frames exceed", "stream id 0", "without frames", "claims",
        ];
        Assert.Empty(expected.Except(reasons));
    }

    [Fact]
    public void Random_buffers_never_throw()
    {
        var random = new Random(Seed + 2);
        for (var i = 0; i < 10_000; i++)
        {
            var bytes = new byte[i % 500 == 0 ? random.Next(0, AudioPacketCodec.MaxPacketSize + 100) : random.Next(0, 400)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length >= 4)
            {
                // Pass the first checks half of the time so that the deeper ones are reached too.
                bytes[0] = 1;
                bytes[1] &= 0x07;
                bytes[2] = 1;
                bytes[3] = (byte)random.Next(0, 8);
            }
            ParseAndCheck(bytes);
        }
    }

    private static byte[] Mutate(Random random, byte[] bytes)
    {
        var list = bytes.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            switch (random.Next(10))
            {
                case 0 when list.Count > 0: // flip one bit
                    var at = random.Next(list.Count);
                    list[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when list.Count > 0: // replace one byte, preferring the header
                    list[random.Next(Math.Min(list.Count, random.Next(2) == 0 ? 24 : list.Count))] = (byte)random.Next(256);
                    break;
                case 2 when list.Count > 0: // truncate
                    list = list.Take(random.Next(list.Count)).ToList();
                    break;
                case 3: // append
                    for (var n = random.Next(1, 5); n > 0; n--) list.Add((byte)random.Next(256));
                    break;
                case 4: // insert
                    list.Insert(random.Next(list.Count + 1), (byte)random.Next(256));
                    break;
                case 5 when list.Count > 3: // change the frame count
                    list[3] = (byte)random.Next(0, 60);
                    break;
                case 6 when list.Count > 21: // change the samples per frame
                    list[20] = (byte)random.Next(0, 12);
                    list[21] = (byte)random.Next(256);
                    break;
                case 7 when list.Count > 7: // zero the stream id
                    list[4] = list[5] = list[6] = list[7] = 0;
                    break;
                case 8 when list.Count > 3 && list[3] < 255 && list.Count >= AudioPacketCodec.HeaderSize + 2 * list[3]: // more frames, the new ones empty
                    var count = list[3];
                    var grown = random.Next(count + 1, Math.Max(count + 2, 60));
                    list.InsertRange(AudioPacketCodec.HeaderSize + 2 * count, new byte[2 * (grown - count)]);
                    list[3] = (byte)grown;
                    break;
                case 9 when list.Count > 1: // drop the end flag
                    list[1] &= unchecked((byte)~AudioPacketFlags.End);
                    break;
            }
        }
        return [.. list];
    }

    private static string Category(string reason)
    {
        string[] known =
        [
            "shorter than", "exceeds 63872", "unsupported packet version", "unknown flag bits", "unknown codec", "do not fit",
            "runs past the end", "follow the last frame", "not an Opus frame size", "frames exceed", "stream id 0",
            "without frames", "claims", "position beyond",
        ];
        return known.FirstOrDefault(reason.Contains) ?? throw new Xunit.Sdk.XunitException($"unexpected reason: {reason}");
    }
}
