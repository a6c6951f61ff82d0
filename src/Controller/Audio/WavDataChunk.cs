using System.Buffers.Binary;

namespace InfoRadio.Controller.Audio;

/// <summary>
/// Finds how many bytes of audio a RIFF/RF64 WAVE file declares and whether they are all there. NAudio quietly
/// clamps a data chunk to the bytes present; a broadcast must not air half an upload without saying so.
/// </summary>
internal static class WavDataChunk
{
    /// <summary>Declared sizes at or above this are placeholders left by writers streaming to a pipe.</summary>
    private const uint PlaceholderSize = 0xFFFF_0000;

    /// <summary>Returns the number of audio bytes the file holds; throws when they are missing or cut short.</summary>
    public static long MeasureAudioBytes(Stream s)
    {
        var length = s.Length;
        Span<byte> header = stackalloc byte[12];
        if (s.ReadAt(0, header) < header.Length)
            throw new AudioFormatException($"truncated WAV: {length} bytes, less than its 12-byte RIFF header");
        var isRf64 = header.StartsWith("RF64"u8);

        long? rf64DataSize = null;
        long offset = 12;
        Span<byte> chunk = stackalloc byte[8];
        Span<byte> ds64 = stackalloc byte[16];
        Span<byte> pad = stackalloc byte[1];
        while (offset + 8 <= length)
        {
            s.ReadAt(offset, chunk);
            var id = chunk[..4];
            long size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            var body = offset + 8;
            var available = length - body;

            if (isRf64 && id.SequenceEqual("ds64"u8))
            {
                if (size < 16 || s.ReadAt(body, ds64) < ds64.Length)
                    throw new AudioFormatException("corrupt RF64 WAV: its ds64 chunk is too short");
                var declared = BinaryPrimitives.ReadInt64LittleEndian(ds64[8..]);
                if (declared < 0) throw new AudioFormatException("corrupt RF64 WAV: negative data size in ds64");
                rf64DataSize = declared;
            }
            else if (id.SequenceEqual("data"u8))
            {
                var declared = isRf64 && size == uint.MaxValue && rf64DataSize is { } big ? big : size;
                if (declared <= available) return declared;
                if (!isRf64 && size >= PlaceholderSize) return available;
                throw new AudioFormatException(
                    $"truncated WAV: the data chunk declares {declared} bytes of audio but only {available} are present");
            }

            // Chunks are word aligned: an odd size is followed by a pad byte that the size does not count. Some
            // writers forget it; like NAudio, take a non-zero byte there as the next chunk.
            offset = body + size;
            if ((size & 1) != 0 && s.ReadAt(offset, pad) == 1 && pad[0] == 0) offset++;
        }
        throw new AudioFormatException("corrupt or truncated WAV: no data chunk found");
    }
}
