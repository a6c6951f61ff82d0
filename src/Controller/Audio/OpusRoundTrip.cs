using Concentus;
using InfoRadio.Codec;
using InfoRadio.Protocol.Audio;

namespace InfoRadio.Controller.Audio;

/// <summary>
/// Decodes a stream's packets back to 48 kHz mono samples the way a speaker would, for tests and benchmarks that
/// compare what was played with the source after an Opus round trip. The result lags the source by the encoder's
/// look-ahead (312 samples for Concentus at 48 kHz); compare with <see cref="SignalCorrelation"/>.
/// </summary>
public static class OpusRoundTrip
{
    private const int MaxOpusFrameSamples = 5760;

    /// <summary>
    /// Places every frame at its timeline position (index 0 = position 0) up to the furthest EndPosition. Frames of
    /// at most one byte (lost, or DTX), frames the decoder refuses and gaps between packets are concealed (PLC);
    /// a Discontinuity flag resets the decoder. Packets are taken in position order; overlaps are skipped.
    /// </summary>
    public static float[] Decode(IReadOnlyList<AudioPacket> packets, bool useNativeLibrary = false)
    {
        ArgumentNullException.ThrowIfNull(packets);
        if (packets.Count == 0) return [];
        var ordered = packets.OrderBy(p => p.Position).ToArray();
        var end = ordered.Max(p => p.EndPosition);
        if (end > (ulong)Array.MaxLength) throw new ArgumentException("the stream is too long to decode into one array", nameof(packets));

        var output = new float[end];
        var pcm = new float[MaxOpusFrameSamples];
        using var decoder = OpusCodecs.CreateDecoder(useNativeLibrary);
        var cursor = ordered[0].Position;
        foreach (var packet in ordered)
        {
            if (packet.Position < cursor) continue;
            var frameSamples = packet.FrameSamples;
            while (cursor < packet.Position)
            {
                var gap = (int)Math.Min((ulong)frameSamples, packet.Position - cursor);
                Conceal(decoder, pcm, frameSamples);
                pcm.AsSpan(0, gap).CopyTo(output.AsSpan((int)cursor));
                cursor += (ulong)gap;
            }
            if ((packet.Flags & AudioPacketFlags.Discontinuity) != 0) decoder.ResetState();
            foreach (var frame in packet.Frames)
            {
                var produced = DecodeFrame(decoder, frame.Span, pcm, frameSamples);
                pcm.AsSpan(0, Math.Clamp(produced, 0, frameSamples)).CopyTo(output.AsSpan((int)cursor));
                cursor += (ulong)frameSamples;
            }
        }
        return output;
    }

    /// <summary>Encodes with <see cref="BroadcastEncoding.EncodeAll"/> and decodes the packets again.</summary>
    public static float[] EncodeAndDecode(float[] samples48kMono, OpusEncoderSettings settings, int framesPerPacket = 5) =>
        Decode(BroadcastEncoding.EncodeAll(samples48kMono, settings, streamId: 1, framesPerPacket), settings.UseNativeLibrary);

    private static int DecodeFrame(IOpusDecoder decoder, ReadOnlySpan<byte> frame, float[] pcm, int frameSamples)
    {
        // Concentus's managed decoder throws on a 1-byte DTX packet mid-stream: such frames are concealed.
        if (frame.Length <= 1) return Conceal(decoder, pcm, frameSamples);
        try
        {
            return decoder.Decode(frame, pcm, MaxOpusFrameSamples, false);
        }
        catch (OpusException)
        {
            return Conceal(decoder, pcm, frameSamples);
        }
    }

    private static int Conceal(IOpusDecoder decoder, float[] pcm, int frameSamples)
    {
        try
        {
            return decoder.Decode(ReadOnlySpan<byte>.Empty, pcm, frameSamples, false);
        }
        catch (OpusException)
        {
            pcm.AsSpan(0, frameSamples).Clear();
            return frameSamples;
        }
    }
}
