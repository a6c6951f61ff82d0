using InfoRadio.Protocol.Audio;

namespace InfoRadio.Controller.Audio;

/// <summary>Encodes a whole, already decoded program into the packets of its stream.</summary>
public static class BroadcastEncoding
{
    /// <summary>
    /// Encodes <paramref name="samples48kMono"/> to Opus and packs <paramref name="framesPerPacket"/> frames per
    /// packet. The last frame is padded with silence; the last packet carries End (and may be short), and its
    /// EndPosition is the padded length. An empty signal gives a single frameless Start|End packet.
    /// </summary>
    public static IReadOnlyList<AudioPacket> EncodeAll(
        float[] samples48kMono, OpusEncoderSettings settings, uint streamId, int framesPerPacket)
    {
        ArgumentNullException.ThrowIfNull(samples48kMono);
        using var encoder = new OpusFrameEncoder(settings);
        var frameSamples = encoder.FrameSamples;
        // Validates the stream id and packet size before spending time on encoding.
        var packetizer = new AudioPacketizer(streamId, frameSamples, framesPerPacket);

        var frameCount = (samples48kMono.Length + frameSamples - 1) / frameSamples;
        var frames = new ReadOnlyMemory<byte>[frameCount];
        var whole = samples48kMono.Length / frameSamples;
        for (var i = 0; i < whole; i++)
            frames[i] = encoder.Encode(samples48kMono.AsSpan(i * frameSamples, frameSamples));
        if (whole < frameCount)
        {
            var last = new float[frameSamples];
            samples48kMono.AsSpan(whole * frameSamples).CopyTo(last);
            frames[whole] = encoder.Encode(last);
        }
        return packetizer.Complete(frames);
    }
}
