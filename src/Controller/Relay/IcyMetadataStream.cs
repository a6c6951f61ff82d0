using System.Text;

namespace InfoRadio.Controller.Relay;

/// <summary>
/// The audio bytes of an Icecast/Shoutcast response that interleaves metadata (asked with <c>Icy-MetaData: 1</c>):
/// after every <c>icy-metaint</c> audio bytes comes one length byte L and 16·L bytes of text such as
/// <c>StreamTitle='…';</c>. This strips those blocks so the decoder sees plain MPEG audio, and keeps the last title
/// for the relay's health. Read-only, forward-only, like the network stream under it.
/// </summary>
public sealed class IcyMetadataStream : Stream
{
    private readonly Stream _inner;
    private readonly int _metaInterval;
    private readonly byte[] _meta = new byte[255 * 16];
    private int _audioLeft;

    /// <param name="metaInterval">The response's <c>icy-metaint</c>: audio bytes between two metadata blocks.</param>
    public IcyMetadataStream(Stream inner, int metaInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(metaInterval, 1);
        _inner = inner;
        _metaInterval = metaInterval;
        _audioLeft = metaInterval;
    }

    /// <summary>The last <c>StreamTitle</c> announced; null until one was.</summary>
    public string? StreamTitle { get; private set; }

    /// <summary>Metadata blocks stripped so far (including empty ones).</summary>
    public long MetadataBlocks { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        if (_audioLeft == 0 && !SkipMetadata()) return 0;
        var n = _inner.Read(buffer[..Math.Min(buffer.Length, _audioLeft)]);
        _audioLeft -= n;
        return n;
    }

    /// <summary>Reads the block at the current position; false when the stream ended before or inside it.</summary>
    private bool SkipMetadata()
    {
        Span<byte> lengthByte = stackalloc byte[1];
        if (_inner.Read(lengthByte) == 0) return false;
        var length = lengthByte[0] * 16;
        if (!ReadFully(_meta.AsSpan(0, length))) return false;
        MetadataBlocks++;
        if (length > 0 && ParseTitle(_meta.AsSpan(0, length)) is { } title) StreamTitle = title;
        _audioLeft = _metaInterval;
        return true;
    }

    private bool ReadFully(Span<byte> target)
    {
        while (!target.IsEmpty)
        {
            var n = _inner.Read(target);
            if (n == 0) return false;
            target = target[n..];
        }
        return true;
    }

    /// <summary>The value of <c>StreamTitle='…';</c> in a metadata block (NUL-padded, UTF-8 in practice).</summary>
    internal static string? ParseTitle(ReadOnlySpan<byte> block)
    {
        var text = Encoding.UTF8.GetString(block).TrimEnd('\0');
        const string key = "StreamTitle='";
        var start = text.IndexOf(key, StringComparison.Ordinal);
        if (start < 0) return null;
        start += key.Length;
        var end = text.IndexOf("';", start, StringComparison.Ordinal);
        var title = end < 0 ? text[start..].TrimEnd('\'') : text[start..end];
        title = new string(title.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return title.Length > 200 ? title[..200] : title;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
