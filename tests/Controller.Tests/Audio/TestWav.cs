using System.Buffers.Binary;
using System.Text;

namespace InfoRadio.Controller.Tests.Audio;

public enum WavSampleFormat { Pcm8, Pcm16, Pcm24, Pcm32, Float32, Float64 }

/// <summary>Writes WAV files byte by byte, so tests control every header field (and can break them).</summary>
internal static class TestWav
{
    /// <summary>Offsets in a file built without the extensible format.</summary>
    public const int ChannelsOffset = 22, SampleRateOffset = 24, BlockAlignOffset = 32, BitsOffset = 34, DataSizeOffset = 40, DataOffset = 44;

    public static byte[] Build(float[] interleaved, int sampleRate, int channels, WavSampleFormat format, bool extensible = false)
    {
        var (bits, isFloat) = format switch
        {
            WavSampleFormat.Pcm8 => (8, false),
            WavSampleFormat.Pcm16 => (16, false),
            WavSampleFormat.Pcm24 => (24, false),
            WavSampleFormat.Pcm32 => (32, false),
            WavSampleFormat.Float32 => (32, true),
            _ => (64, true),
        };
        var bytesPerSample = bits / 8;
        var data = new byte[interleaved.Length * bytesPerSample];
        for (var i = 0; i < interleaved.Length; i++)
        {
            var x = Math.Clamp(interleaved[i], -1f, 1f);
            var span = data.AsSpan(i * bytesPerSample, bytesPerSample);
            switch (format)
            {
                case WavSampleFormat.Pcm8: span[0] = (byte)Math.Round(x * 127 + 128); break;
                case WavSampleFormat.Pcm16: BinaryPrimitives.WriteInt16LittleEndian(span, (short)Math.Round(x * 32767)); break;
                case WavSampleFormat.Pcm24:
                    var v = (int)Math.Round(x * 8_388_607);
                    span[0] = (byte)v; span[1] = (byte)(v >> 8); span[2] = (byte)(v >> 16);
                    break;
                case WavSampleFormat.Pcm32: BinaryPrimitives.WriteInt32LittleEndian(span, (int)Math.Round(x * 2_147_483_647.0)); break;
                case WavSampleFormat.Float32: BinaryPrimitives.WriteSingleLittleEndian(span, x); break;
                default: BinaryPrimitives.WriteDoubleLittleEndian(span, x); break;
            }
        }

        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        var fmtSize = extensible ? 40 : 16;
        w.Write(Encoding.ASCII.GetBytes("RIFF"));
        w.Write(4 + 8 + fmtSize + 8 + data.Length);
        w.Write(Encoding.ASCII.GetBytes("WAVE"));
        w.Write(Encoding.ASCII.GetBytes("fmt "));
        w.Write(fmtSize);
        w.Write((ushort)(extensible ? 0xFFFE : isFloat ? 3 : 1));
        w.Write((ushort)channels);
        w.Write(sampleRate);
        w.Write(sampleRate * channels * bytesPerSample);
        w.Write((ushort)(channels * bytesPerSample));
        w.Write((ushort)bits);
        if (extensible)
        {
            w.Write((ushort)22);
            w.Write((ushort)bits);                  // valid bits
            w.Write(channels == 1 ? 0x4 : 0x3);     // channel mask
            // KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT: {0000000x-0000-0010-8000-00aa00389b71}
            w.Write(new Guid(isFloat ? 3u : 1u, 0, 0x10, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71).ToByteArray());
        }
        w.Write(Encoding.ASCII.GetBytes("data"));
        w.Write(data.Length);
        w.Write(data);
        w.Flush();
        return ms.ToArray();
    }

    public static byte[] WithUInt16(byte[] wav, int offset, ushort value)
    {
        var copy = (byte[])wav.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    public static byte[] WithUInt32(byte[] wav, int offset, uint value)
    {
        var copy = (byte[])wav.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }
}
