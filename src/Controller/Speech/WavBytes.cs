using System.Buffers.Binary;
using InfoRadio.Controller.Audio;

namespace InfoRadio.Controller.Speech;

/// <summary>WAV in and out of the speech engines, in memory.</summary>
public static class WavBytes
{
    /// <summary>
    /// A WAV written to a pipe cannot go back to fill in its sizes: espeak-ng's <c>--stdout</c> leaves 0x7FFFFFFF-ish
    /// placeholders. Sets the RIFF and data chunk sizes to what was actually received, in place.
    /// </summary>
    public static void RepairStreamingSizes(Span<byte> wav)
    {
        if (wav.Length < 12 || !wav[..4].SequenceEqual("RIFF"u8) || !wav[8..12].SequenceEqual("WAVE"u8)) return;
        BinaryPrimitives.WriteUInt32LittleEndian(wav[4..8], (uint)(wav.Length - 8));
        var at = 12;
        while (at + 8 <= wav.Length)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav[(at + 4)..(at + 8)]);
            var left = (uint)(wav.Length - at - 8);
            if (wav[at..(at + 4)].SequenceEqual("data"u8))
            {
                if (size > left) BinaryPrimitives.WriteUInt32LittleEndian(wav[(at + 4)..(at + 8)], left - left % 2);
                return;
            }
            if (size > left) return;
            at += 8 + (int)size + (int)(size % 2);
        }
    }

    /// <summary>The audio as a 16-bit PCM mono 48 kHz WAV file (what the media library stores for speech).</summary>
    public static byte[] ToPcm16(DecodedAudio audio)
    {
        var samples = audio.Samples;
        var dataBytes = (long)samples.Length * 2;
        if (dataBytes > int.MaxValue - 44) throw new SpeechSynthesisException("the rendered speech is too long to store as one WAV file");
        var wav = new byte[44 + dataBytes];
        var s = wav.AsSpan();
        "RIFF"u8.CopyTo(s);
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], (uint)(36 + dataBytes));
        "WAVEfmt "u8.CopyTo(s[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(s[20..], 1); // PCM
        BinaryPrimitives.WriteUInt16LittleEndian(s[22..], 1); // mono
        BinaryPrimitives.WriteUInt32LittleEndian(s[24..], DecodedAudio.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(s[28..], DecodedAudio.SampleRate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(s[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(s[34..], 16);
        "data"u8.CopyTo(s[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[40..], (uint)dataBytes);
        for (var i = 0; i < samples.Length; i++)
        {
            var v = float.IsFinite(samples[i]) ? Math.Clamp(samples[i], -1f, 1f) : 0f;
            BinaryPrimitives.WriteInt16LittleEndian(s[(44 + 2 * i)..], (short)MathF.Round(v * 32767f));
        }
        return wav;
    }
}
