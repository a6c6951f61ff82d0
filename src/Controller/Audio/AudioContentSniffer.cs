using System.Text;

namespace InfoRadio.Controller.Audio;

/// <summary>Recognises an audio container by its first bytes.</summary>
public static class AudioContentSniffer
{
    /// <summary>
    /// Looks at a seekable stream from its start and puts its position back. For MPEG content the first frame
    /// header is returned when it can be found cheaply (right after the ID3v2 tag or at offset 0).
    /// </summary>
    public static (AudioFileKind Kind, MpegAudioFrameHeader? FirstFrame) Sniff(Stream seekable)
    {
        ArgumentNullException.ThrowIfNull(seekable);
        var saved = seekable.Position;
        try
        {
            return SniffAt0(seekable);
        }
        finally
        {
            seekable.Position = saved;
        }
    }

    private static (AudioFileKind, MpegAudioFrameHeader?) SniffAt0(Stream s)
    {
        Span<byte> head = stackalloc byte[12];
        var got = s.ReadAt(0, head);
        head = head[..got];
        if (got < 3) return (AudioFileKind.Unknown, null);

        if (head.StartsWith("RIFF"u8) || head.StartsWith("RF64"u8))
        {
            // A file cut inside the 12-byte RIFF header still announced itself as WAV: say "truncated WAV" later.
            if (got < 12 || head[8..12].SequenceEqual("WAVE"u8)) return (AudioFileKind.Wav, null);
            return (AudioFileKind.Unknown, null);
        }

        if (head.StartsWith("ID3"u8)) return (AudioFileKind.Mpeg, FrameAfterId3(s, head));

        if (MpegAudioFrameHeader.TryParse(head, out var first) && IsConfirmed(s, 0, first))
            return (AudioFileKind.Mpeg, first);
        return (AudioFileKind.Unknown, null);
    }

    /// <summary>A lone 0xFFEx byte pair is common in arbitrary data: a second frame where the first ends confirms it.</summary>
    private static bool IsConfirmed(Stream s, long offset, MpegAudioFrameHeader first)
    {
        var next = offset + first.FrameLength;
        if (next == s.Length) return true;
        Span<byte> bytes = stackalloc byte[MpegAudioFrameHeader.Size];
        return s.ReadAt(next, bytes) == bytes.Length
            && MpegAudioFrameHeader.TryParse(bytes, out var second)
            && first.IsCompatibleWith(second);
    }

    private static MpegAudioFrameHeader? FrameAfterId3(Stream s, ReadOnlySpan<byte> head)
    {
        if (head.Length < 10) return null;
        var size = 0;
        for (var i = 6; i < 10; i++)
        {
            if (head[i] >= 0x80) return null; // not a synchsafe integer: a broken tag
            size = (size << 7) | head[i];
        }
        var hasFooter = (head[5] & 0x10) != 0;
        var offset = 10L + size + (hasFooter ? 10 : 0);
        Span<byte> bytes = stackalloc byte[MpegAudioFrameHeader.Size];
        return s.ReadAt(offset, bytes) == bytes.Length && MpegAudioFrameHeader.TryParse(bytes, out var header)
            ? header
            : null;
    }

    /// <summary>The first bytes in hex, for error messages about unrecognised content.</summary>
    public static string DescribeHead(Stream seekable, int count = 8)
    {
        var saved = seekable.Position;
        try
        {
            var buffer = new byte[count];
            var got = seekable.ReadAt(0, buffer);
            var sb = new StringBuilder();
            for (var i = 0; i < got; i++) sb.Append(i == 0 ? "" : " ").Append(buffer[i].ToString("x2"));
            return sb.ToString();
        }
        finally
        {
            seekable.Position = saved;
        }
    }
}
