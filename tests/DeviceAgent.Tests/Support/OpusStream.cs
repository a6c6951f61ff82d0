using Concentus;
using Concentus.Enums;
using InfoRadio.Codec;
using InfoRadio.Protocol.Audio;

namespace InfoRadio.DeviceAgent.Tests.Support;

/// <summary>Real Opus frames of a sine, encoded with Concentus (managed), for feeding the agent.</summary>
internal static class OpusStream
{
    public const int FrameSamples = 960;

    public static short[] Sine(int samples, double frequencyHz, double amplitude = 0.5, int sampleOffset = 0)
    {
        var pcm = new short[samples];
        for (var i = 0; i < samples; i++)
            pcm[i] = (short)Math.Round(amplitude * short.MaxValue * Math.Sin(2 * Math.PI * frequencyHz * (i + sampleOffset) / 48_000));
        return pcm;
    }

    public static List<byte[]> Encode(short[] pcm, int frameSamples = FrameSamples)
    {
        OpusCodecFactory.AttemptToUseNativeLibrary = false;
        using var encoder = OpusCodecFactory.CreateEncoder(48_000, 1, OpusApplication.OPUS_APPLICATION_AUDIO, null);
        encoder.Bitrate = 32_000;
        var frames = new List<byte[]>();
        var buffer = new byte[1275];
        for (var offset = 0; offset + frameSamples <= pcm.Length; offset += frameSamples)
        {
            var length = encoder.Encode(pcm.AsSpan(offset, frameSamples), frameSamples, buffer, buffer.Length);
            frames.Add(buffer.AsSpan(0, length).ToArray());
        }
        return frames;
    }

    /// <summary>
    /// Encodes like the controller does for speech (VOIP, 32 kbps, complexity 10), with in-band FEC for
    /// <paramref name="expectedLossPercent"/> when above 0, and DTX when asked.
    /// </summary>
    public static List<byte[]> EncodeSpeech(short[] pcm, int expectedLossPercent = 0, bool dtx = false, bool nativeEncoder = false)
    {
        using var encoder = OpusCodecs.CreateEncoder(OpusApplication.OPUS_APPLICATION_VOIP, nativeEncoder);
        encoder.Bitrate = 32_000;
        encoder.Complexity = 10;
        encoder.UseInbandFEC = expectedLossPercent > 0;
        encoder.PacketLossPercent = expectedLossPercent;
        encoder.UseDTX = dtx;
        var frames = new List<byte[]>();
        var buffer = new byte[1275];
        for (var offset = 0; offset + FrameSamples <= pcm.Length; offset += FrameSamples)
        {
            var length = encoder.Encode(pcm.AsSpan(offset, FrameSamples), FrameSamples, buffer, buffer.Length);
            frames.Add(buffer.AsSpan(0, length).ToArray());
        }
        return frames;
    }

    /// <summary>Groups frames into packets of <paramref name="framesPerPacket"/>; the last carries the End flag.</summary>
    public static List<AudioPacket> Packetize(uint stream, IReadOnlyList<byte[]> frames, int framesPerPacket = 5,
        int frameSamples = FrameSamples, bool endFlag = true)
    {
        var packets = new List<AudioPacket>();
        for (var i = 0; i < frames.Count; i += framesPerPacket)
        {
            var slice = frames.Skip(i).Take(framesPerPacket).Select(f => (ReadOnlyMemory<byte>)f).ToArray();
            var flags = AudioPacketFlags.None;
            if (i == 0) flags |= AudioPacketFlags.Start;
            if (endFlag && i + framesPerPacket >= frames.Count) flags |= AudioPacketFlags.End;
            packets.Add(new AudioPacket
            {
                Stream = stream,
                Sequence = (uint)packets.Count,
                Position = (ulong)(i * frameSamples),
                FrameSamples = (ushort)frameSamples,
                Flags = flags,
                Frames = slice,
            });
        }
        return packets;
    }

    public static double Rms(ReadOnlySpan<short> pcm)
    {
        if (pcm.Length == 0) return 0;
        double sum = 0;
        foreach (var s in pcm) sum += (double)s * s;
        return Math.Sqrt(sum / pcm.Length);
    }

    /// <summary>Estimated frequency from zero crossings (good enough to tell 440 Hz from 1 kHz).</summary>
    public static double ZeroCrossingFrequency(ReadOnlySpan<short> pcm)
    {
        var crossings = 0;
        for (var i = 1; i < pcm.Length; i++)
            if ((pcm[i - 1] < 0) != (pcm[i] < 0)) crossings++;
        return crossings / 2.0 / (pcm.Length / 48_000.0);
    }
}
