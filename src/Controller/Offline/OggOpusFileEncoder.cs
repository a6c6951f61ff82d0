using InfoRadio.Controller.Audio;
using InfoRadio.Protocol.Audio;

namespace InfoRadio.Controller.Offline;

/// <summary>
/// Encodes a program's audio once into an Ogg Opus file (48 kHz mono, the profile's frame size and bitrate), with
/// the encoder's look-ahead as pre-skip, so that the decoded file is the program sample for sample in time.
/// </summary>
public static class OggOpusFileEncoder
{
    /// <summary>Writes the file to <paramref name="output"/>; returns the audio's length in 48 kHz samples.</summary>
    public static long Encode(ProgramAudio audio, OpusEncoderSettings settings, Stream output, CancellationToken ct)
    {
        if (audio.SampleCount < 1) throw new AudioFormatException("the program has no audio");
        using var encoder = new OpusFrameEncoder(settings);
        var frame = encoder.FrameSamples;
        var preSkip = encoder.LookaheadSamples;
        var writer = new OggOpusWriter(output, preSkip, serial: (uint)audio.SampleCount ^ 0x1A0D10u, vendor: encoder.ImplementationVersion);
        var pcm = new float[frame];
        var packet = new byte[OpusFrameEncoder.MaxFrameBytes];
        var total = audio.SampleCount;
        var needed = total + preSkip;
        long read = 0;
        using var reader = audio.Open();
        while (writer.PacketSamples < needed)
        {
            ct.ThrowIfCancellationRequested();
            var filled = 0;
            while (filled < frame && read < total)
            {
                var n = reader.Read(pcm.AsSpan(filled, (int)Math.Min(frame - filled, total - read)));
                if (n == 0) throw new AudioFormatException($"the audio ended at sample {read} of {total}");
                filled += n;
                read += n;
            }
            // Past the end the encoder is fed silence until its look-ahead has let the last sample out.
            pcm.AsSpan(filled).Clear();
            var length = encoder.Encode(pcm, packet);
            writer.WritePacket(packet.AsSpan(0, length), frame);
        }
        writer.Finish(total);
        return total;
    }
}
