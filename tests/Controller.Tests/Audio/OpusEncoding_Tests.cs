using InfoRadio.Codec;
using InfoRadio.Controller.Audio;
using InfoRadio.Protocol.Audio;

namespace InfoRadio.Controller.Tests.Audio;

public sealed class OpusEncoding_Tests
{
    private static readonly float[] Speech = SpeechLikeSignal.Generate(seed: 21, TimeSpan.FromSeconds(3));

    [Fact]
    public void The_managed_implementation_is_used_when_native_is_not_asked_for()
    {
        using var encoder = new OpusFrameEncoder(new OpusEncoderSettings { UseNativeLibrary = false });
        Assert.Equal(OpusImplementation.Managed, encoder.Implementation);
        Assert.StartsWith("Concentus", encoder.ImplementationVersion);
        Assert.Equal(960, encoder.FrameSamples);
    }

    [Fact]
    public void Asking_for_native_encodes_with_libopus()
    {
        // Needs Debian's libopus0 (scripts/test.sh installs it), which ships only libopus.so.0.
        using var encoder = new OpusFrameEncoder(new OpusEncoderSettings { UseNativeLibrary = true });
        Assert.Equal(OpusImplementation.Native, encoder.Implementation);
        Assert.StartsWith("libopus", encoder.ImplementationVersion);
        using var managed = new OpusFrameEncoder(new OpusEncoderSettings());
        Assert.Equal(OpusImplementation.Managed, managed.Implementation);
    }

    [Fact]
    public void A_broadcast_encoded_natively_decodes_like_a_managed_one()
    {
        var native = new OpusEncoderSettings { UseNativeLibrary = true };

        var decoded = OpusRoundTrip.EncodeAndDecode(Speech, native);
        var decodedByManaged = OpusRoundTrip.Decode(BroadcastEncoding.EncodeAll(Speech, native, 1, 5), useNativeLibrary: false);

        Assert.True(SignalCorrelation.BestAlignment(Speech, decoded, 4_800).Correlation >= 0.9);
        Assert.True(SignalCorrelation.BestAlignment(Speech, decodedByManaged, 4_800).Correlation >= 0.9);
    }

    [Theory]
    [InlineData(OpusApplicationType.Voip)]
    [InlineData(OpusApplicationType.Audio)]
    public void A_speech_like_signal_survives_the_round_trip(OpusApplicationType application)
    {
        var settings = new OpusEncoderSettings { Application = application };

        var decoded = OpusRoundTrip.EncodeAndDecode(Speech, settings);

        var alignment = SignalCorrelation.BestAlignment(Speech, decoded, 4_800);
        Assert.True(alignment.Correlation >= 0.9, $"correlation {alignment.Correlation:F3}");
        // The decoded signal lags by about the encoder's look-ahead (SILK's internal resampler shifts it a little).
        using var encoder = new OpusFrameEncoder(settings);
        Assert.InRange(alignment.Lag, encoder.LookaheadSamples - 24, encoder.LookaheadSamples + 24);
    }

    [Fact]
    public void Frames_respect_the_bitrate()
    {
        var packets = BroadcastEncoding.EncodeAll(Speech, new OpusEncoderSettings { BitrateBps = 32_000 }, 1, 5);

        var bytes = packets.SelectMany(p => p.Frames).Sum(f => f.Length);
        var bitrate = bytes * 8 / 3.0;
        Assert.InRange(bitrate, 16_000, 40_000);
        Assert.All(packets.SelectMany(p => p.Frames), f => Assert.InRange(f.Length, 1, AudioPacketCodec.MaxFrameBytes));
    }

    [Fact]
    public void Encode_all_pads_the_last_frame_and_ends_at_the_padded_length()
    {
        var samples = Speech[..48_100];

        var packets = BroadcastEncoding.EncodeAll(samples, new OpusEncoderSettings(), streamId: 42, framesPerPacket: 5);

        // 48 100 samples need 51 frames of 960: ten packets of five and a last one of one.
        Assert.Equal(11, packets.Count);
        Assert.Single(packets[^1].Frames);
        Assert.Equal(AudioPacketFlags.End, packets[^1].Flags);
        Assert.Equal(51UL * 960, packets[^1].EndPosition);
        Assert.Equal(AudioPacketFlags.Start, packets[0].Flags);
        for (var i = 1; i < packets.Count; i++)
        {
            Assert.Equal(packets[i - 1].EndPosition, packets[i].Position);
            Assert.Equal((uint)i, packets[i].Sequence);
        }
        Assert.All(packets, p => Assert.Null(AudioPacketCodec.Validate(p)));
    }

    [Fact]
    public void Encode_all_of_nothing_is_a_single_empty_end_packet()
    {
        var packet = Assert.Single(BroadcastEncoding.EncodeAll([], new OpusEncoderSettings(), 1, 5));
        Assert.Equal(AudioPacketFlags.Start | AudioPacketFlags.End, packet.Flags);
        Assert.Equal(0UL, packet.EndPosition);
    }

    [Fact]
    public void Streaming_in_uneven_chunks_gives_the_same_packets_as_encoding_all_at_once()
    {
        var samples = Speech[..50_000]; // 53 frames: the last packet is short
        var settings = new OpusEncoderSettings();
        var whole = BroadcastEncoding.EncodeAll(samples, settings, 5, 5);

        using var streaming = new StreamingOpusEncoder(settings, 5, 5);
        var streamed = new List<AudioPacket>();
        var random = new Random(1);
        for (var offset = 0; offset < samples.Length;)
        {
            var chunk = Math.Min(random.Next(1, 3_000), samples.Length - offset);
            streamed.AddRange(streaming.Write(samples.AsSpan(offset, chunk)));
            offset += chunk;
            Assert.Equal((ulong)offset, streaming.Position);
        }
        streamed.AddRange(streaming.Complete());

        Assert.Equal(whole.Count, streamed.Count);
        for (var i = 0; i < whole.Count; i++)
        {
            Assert.Equal((whole[i].Sequence, whole[i].Position, whole[i].Flags), (streamed[i].Sequence, streamed[i].Position, streamed[i].Flags));
            Assert.Equal(whole[i].Frames.Select(f => f.ToArray()), streamed[i].Frames.Select(f => f.ToArray()));
        }
    }

    [Fact]
    public void Streaming_a_whole_number_of_packets_ends_with_an_empty_end_packet()
    {
        using var streaming = new StreamingOpusEncoder(new OpusEncoderSettings(), 5, 5);
        var packets = streaming.Write(Speech.AsSpan(0, 9_600)).ToList();
        Assert.Equal(2, packets.Count);
        var end = Assert.Single(streaming.Complete());
        Assert.Equal((AudioPacketFlags.End, 0, 9_600UL), (end.Flags, end.Frames.Count, end.EndPosition));
        Assert.Throws<InvalidOperationException>(() => streaming.Write(new float[10]));
    }

    [Fact]
    public void Dtx_frames_and_lost_frames_are_concealed_by_the_round_trip_decoder()
    {
        // Silence with DTX shrinks frames to 1–2 bytes, which Concentus's decoder must not be fed mid-stream.
        var signal = new float[48_000 * 2];
        Speech.AsSpan(0, 48_000).CopyTo(signal);
        var packets = BroadcastEncoding.EncodeAll(signal, new OpusEncoderSettings { UseDtx = true }, 1, 5).ToList();
        Assert.Contains(packets.SelectMany(p => p.Frames), f => f.Length <= 2);
        // Drop one packet and blank one frame: both must be concealed, not crash.
        packets.RemoveAt(3);
        packets[1] = packets[1] with { Frames = [.. packets[1].Frames.Take(2), ReadOnlyMemory<byte>.Empty, .. packets[1].Frames.Skip(3)] };

        var decoded = OpusRoundTrip.Decode(packets);

        Assert.Equal(signal.Length, decoded.Length);
        Assert.True(SignalCorrelation.BestAlignment(signal, decoded, 1_000).Correlation > 0.7);
    }

    [Theory]
    [InlineData(nameof(OpusEncoderSettings.BitrateBps), 1_000)]
    [InlineData(nameof(OpusEncoderSettings.FrameSamples), 1_000)]
    [InlineData(nameof(OpusEncoderSettings.Complexity), 11)]
    [InlineData(nameof(OpusEncoderSettings.PacketLossPercent), -1)]
    public void Bad_settings_are_refused(string property, int value)
    {
        var settings = new OpusEncoderSettings();
        typeof(OpusEncoderSettings).GetProperty(property)!.SetValue(settings, value);
        Assert.NotNull(settings.Validate());
        Assert.Throws<ArgumentException>(() => new OpusFrameEncoder(settings));
    }

    [Fact]
    public void A_frame_of_the_wrong_size_is_refused()
    {
        using var encoder = new OpusFrameEncoder(new OpusEncoderSettings());
        Assert.Throws<ArgumentException>(() => encoder.Encode(new float[959]));
    }
}
