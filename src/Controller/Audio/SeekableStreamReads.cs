namespace InfoRadio.Controller.Audio;

internal static class SeekableStreamReads
{
    /// <summary>Reads up to <c>buffer.Length</c> bytes at <paramref name="offset"/>; fewer only at the end of the stream.</summary>
    public static int ReadAt(this Stream s, long offset, Span<byte> buffer)
    {
        if (offset < 0 || offset >= s.Length) return 0;
        s.Position = offset;
        var total = 0;
        while (total < buffer.Length)
        {
            var n = s.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
