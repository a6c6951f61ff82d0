using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Tests.Audio;
using InfoRadio.Protocol.Audio;

namespace InfoRadio.Controller.Tests.Broadcasting;

/// <summary>
/// The encode-ahead pipeline: the same packets as encoding the whole program at once, a bounded number of them
/// waiting however long the program, the first ready long before the end, and a clean End when the source fails.
/// </summary>
public sealed class EncodeAheadPipeline_Tests : IDisposable
{
    private const int PacketSamples = 4_800;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("inforadio-encode-ahead-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static async Task<List<AudioPacket>> DrainAsync(EncodeAheadPipeline pipeline)
    {
        var packets = new List<AudioPacket>();
        using var timeout = new CancellationTokenSource(Deadline);
        await foreach (var packet in pipeline.Packets.ReadAllAsync(timeout.Token)) packets.Add(packet);
        return packets;
    }

    /// <summary>Waits (polling, with a deadline) until the producer has filled the pipeline and must wait.</summary>
    private static async Task WaitUntilFullAsync(EncodeAheadPipeline pipeline)
    {
        var until = DateTime.UtcNow + Deadline;
        while (pipeline.Packets.Count < pipeline.Capacity)
        {
            Assert.True(DateTime.UtcNow < until, $"the pipeline never filled: {pipeline.Packets.Count} of {pipeline.Capacity}");
            await Task.Delay(10);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(959)]
    [InlineData(PacketSamples)]
    [InlineData(3 * PacketSamples)]
    [InlineData(3 * PacketSamples + 960)]
    [InlineData(3 * PacketSamples + 961)]
    public async Task The_packets_are_those_of_encoding_the_whole_program(int length)
    {
        var samples = TestSignals.Noise(length, length, 0.3);
        var settings = new OpusEncoderSettings();
        var expected = BroadcastEncoding.EncodeAll(samples, settings, 77, 5);

        await using var pipeline = EncodeAheadPipeline.Start(
            ProgramAudio.InMemory(new DecodedAudio { Samples = samples, SourceFormat = "test" }).Open(), settings, 77, 5, 2, CancellationToken.None);
        var packets = await DrainAsync(pipeline);

        Assert.Null(pipeline.Failure);
        Assert.Equal(expected.Count, packets.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(AudioPacketCodec.Encode(expected[i]), AudioPacketCodec.Encode(packets[i]));
        }
    }

    [Fact]
    public async Task A_long_file_is_encoded_a_bounded_number_of_packets_ahead_and_the_first_is_ready_long_before_the_end()
    {
        // Two minutes at 8 kHz, resampled to 48 kHz on the way: 1 200 packets in all.
        const int rate = 8_000, seconds = 120;
        var path = Path.Combine(_dir.FullName, "long.wav");
        File.WriteAllBytes(path, TestWav.Build(TestSignals.Sample(TestSignals.TwoTones, rate, rate * seconds), rate, 1, WavSampleFormat.Pcm16));
        var total = (long)seconds * DecodedAudio.SampleRate;
        var audio = new FileProgramAudio(path, total, "WAV PCM 16-bit 8000 Hz 1 ch", new AudioFileDecoder());
        const int capacity = 10;
        // The pipeline may hold, beyond its capacity: the packet held back to carry End, the packet being encoded and
        // one read buffer.
        const long bound = (capacity + 3) * PacketSamples;

        await using var pipeline = EncodeAheadPipeline.Start(audio.Open(), new OpusEncoderSettings(), 5, 5, capacity, CancellationToken.None);

        Assert.True(await pipeline.Packets.WaitToReadAsync().AsTask().WaitAsync(Deadline));
        Assert.True(pipeline.SamplesRead < total / 10, $"{pipeline.SamplesRead} of {total} samples were read before the first packet was available");

        // Nobody takes packets: the producer fills the pipeline and stops there.
        await WaitUntilFullAsync(pipeline);
        Assert.InRange(pipeline.SamplesRead, capacity * PacketSamples, bound);
        Assert.Equal(capacity, pipeline.PacketsProduced);

        // Taken one by one, it refills to its capacity and never beyond, to the end.
        var taken = new List<AudioPacket>();
        var mostWaiting = 0;
        using var timeout = new CancellationTokenSource(Deadline * 2);
        while (await pipeline.Packets.WaitToReadAsync(timeout.Token))
        {
            mostWaiting = Math.Max(mostWaiting, pipeline.Packets.Count);
            Assert.True(pipeline.SamplesRead - (long)taken.Count * PacketSamples <= bound,
                $"{pipeline.SamplesRead} samples read with {taken.Count} packets taken");
            if (pipeline.Packets.TryRead(out var packet)) taken.Add(packet);
        }

        Assert.True(mostWaiting <= capacity, $"{mostWaiting} packets were waiting, more than the capacity of {capacity}");
        Assert.Null(pipeline.Failure);
        Assert.Equal(seconds * 10, taken.Count);
        Assert.Equal(Enumerable.Range(0, taken.Count).Select(i => (ulong)(i * PacketSamples)), taken.Select(p => p.Position));
        Assert.Equal(AudioPacketFlags.End, taken[^1].Flags);
        Assert.Equal((ulong)total, taken[^1].EndPosition);
    }

    [Fact]
    public async Task A_file_corrupt_midway_ends_the_stream_with_End_where_it_failed_and_says_why()
    {
        var samples = TestSignals.Sine(440, 0.5, 48_000, 3 * 48_000);
        var bytes = TestWav.Build(samples, 48_000, 1, WavSampleFormat.Pcm16);
        var path = Path.Combine(_dir.FullName, "cut.wav");
        File.WriteAllBytes(path, bytes);
        var audio = new FileProgramAudio(path, samples.Length, "WAV PCM 16-bit 48000 Hz 1 ch", new AudioFileDecoder());
        var reader = audio.Open();
        // 1.01 s of the 3 s left once it is open: the last frame is partial and gets padded.
        ProgramAudio_Tests.Truncate(path, TestWav.DataOffset + 48_480 * 2);

        await using var pipeline = EncodeAheadPipeline.Start(reader, new OpusEncoderSettings(), 9, 5, 4, CancellationToken.None);
        var packets = await DrainAsync(pipeline);

        Assert.NotNull(pipeline.Failure);
        Assert.Contains("ended after 1.01 s of the 3 s", pipeline.Failure.Message);
        Assert.Equal(AudioPacketFlags.End, packets[^1].Flags);
        Assert.Equal(48_960UL, packets[^1].EndPosition); // 51 frames of 960, the last one half silence
        Assert.Single(packets, p => p.Flags.HasFlag(AudioPacketFlags.End));
    }

    [Fact]
    public async Task A_source_that_cannot_be_read_at_all_gives_a_single_empty_Start_End_packet()
    {
        var path = Path.Combine(_dir.FullName, "empty-data.wav");
        File.WriteAllBytes(path, TestWav.Build(TestSignals.Sine(440, 0.5, 48_000, 48_000), 48_000, 1, WavSampleFormat.Pcm16));
        var reader = new FileProgramAudio(path, 48_000, "WAV", new AudioFileDecoder()).Open();
        ProgramAudio_Tests.Truncate(path, TestWav.DataOffset);

        await using var pipeline = EncodeAheadPipeline.Start(reader, new OpusEncoderSettings(), 9, 5, 4, CancellationToken.None);
        var packets = await DrainAsync(pipeline);

        Assert.NotNull(pipeline.Failure);
        var packet = Assert.Single(packets);
        Assert.Equal(AudioPacketFlags.Start | AudioPacketFlags.End, packet.Flags);
        Assert.Equal(0UL, packet.EndPosition);
    }

    [Fact]
    public async Task Disposing_stops_the_producer_while_it_waits_for_room()
    {
        var audio = ProgramAudio.InMemory(new DecodedAudio { Samples = new float[48_000 * 60], SourceFormat = "silence" });
        var pipeline = EncodeAheadPipeline.Start(audio.Open(), new OpusEncoderSettings(), 9, 5, 3, CancellationToken.None);
        await WaitUntilFullAsync(pipeline);

        await pipeline.DisposeAsync().AsTask().WaitAsync(Deadline);

        Assert.True(pipeline.PacketsProduced <= 3);
    }
}
