namespace InfoRadio.Controller.Relay;

/// <summary>
/// A network stream as NLayer needs it: NLayer reads <see cref="Position"/> even when a stream cannot seek, so this
/// counts the bytes read and reports that. Setting the position forward skips by reading; backward is refused. No
/// bytes are kept, so memory stays bounded however long the stream runs.
/// </summary>
internal sealed class ForwardOnlyStream(Stream inner) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _position += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => throw new NotSupportedException("a live stream has no end to seek from"),
        };
        if (target < _position) throw new NotSupportedException("a live stream cannot go back");
        Span<byte> scratch = stackalloc byte[4096];
        while (_position < target)
        {
            if (Read(scratch[..(int)Math.Min(scratch.Length, target - _position)]) == 0) break;
        }
        return _position;
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
