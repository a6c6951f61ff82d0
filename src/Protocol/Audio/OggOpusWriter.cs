using System.Buffers.Binary;
using System.Text;

namespace InfoRadio.Protocol.Audio;

/// <summary>
/// Writes one mono 48 kHz Opus stream as an Ogg Opus file (RFC 7845, pages per RFC 3533): an <c>OpusHead</c> page,
/// an <c>OpusTags</c> page, then audio pages of about a second each whose granule positions count 48 kHz samples
/// including the pre-skip. <see cref="Finish"/> closes the stream with the end-of-stream flag and a last granule that
/// trims the final frame's padding, so a reader yields exactly the samples given. Packets never span pages.
/// Not thread-safe; the caller owns the stream.
/// </summary>
public sealed class OggOpusWriter
{
    public const int SampleRate = 48_000;
    /// <summary>A page is flushed once it holds this much audio: small enough to resume a transfer, large enough to be cheap.</summary>
    public const int PageSamples = SampleRate;

    private const byte FlagBeginOfStream = 0x02;
    private const byte FlagEndOfStream = 0x04;
    private const int MaxSegments = 255;
    private const int MaxPacketBytes = 1275 * 3 + 7;

    private readonly Stream _output;
    private readonly uint _serial;
    private readonly int _preSkip;
    private readonly List<byte[]> _pending = [];
    private uint _sequence;
    private long _granule;
    private int _pendingSamples;
    private int _pendingSegments;
    private bool _finished;

    /// <param name="preSkip">Samples to drop at the start of decoding: the encoder's look-ahead.</param>
    /// <param name="serial">The logical stream's serial number.</param>
    /// <param name="vendor">Written in <c>OpusTags</c>.</param>
    public OggOpusWriter(Stream output, int preSkip, uint serial, string vendor = "InfoRadio")
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(preSkip);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(preSkip, ushort.MaxValue);
        _output = output;
        _serial = serial;
        _preSkip = preSkip;
        // Granules count decoded samples from the stream start, the pre-skip included: the first page starts at 0.
        _granule = 0;
        WritePage(Head(preSkip), FlagBeginOfStream, 0);
        WritePage(Tags(vendor), 0, 0);
    }

    /// <summary>Audio samples (pre-skip excluded) written so far, counting whole frames.</summary>
    public long PacketSamples { get; private set; }

    /// <summary>Adds one Opus packet that decodes to <paramref name="samples"/> samples at 48 kHz.</summary>
    public void WritePacket(ReadOnlySpan<byte> packet, int samples)
    {
        if (_finished) throw new InvalidOperationException("the stream is finished");
        if (packet.IsEmpty || packet.Length > MaxPacketBytes) throw new ArgumentException($"an Opus packet is 1–{MaxPacketBytes} bytes", nameof(packet));
        if (samples is < 120 or > 5760) throw new ArgumentOutOfRangeException(nameof(samples), "an Opus packet holds 120–5760 samples");
        var segments = packet.Length / 255 + 1;
        // A full page is written when the next packet comes, so the last page always has a packet to close the stream.
        if (_pendingSegments + segments > MaxSegments || _pendingSamples >= PageSamples) Flush(0);
        _pending.Add(packet.ToArray());
        _pendingSegments += segments;
        _pendingSamples += samples;
        PacketSamples += samples;
    }

    /// <summary>
    /// Writes the last page with the end-of-stream flag. <paramref name="audioSamples"/> is the length of the
    /// audio proper (pre-skip excluded); the packets must cover at least that much after the pre-skip.
    /// </summary>
    public void Finish(long audioSamples)
    {
        if (_finished) throw new InvalidOperationException("the stream is finished");
        if (_pending.Count == 0) throw new InvalidOperationException("the last page needs at least one packet");
        // End trimming may only cut into the last page's own packets (RFC 7845 section 4.4).
        if (audioSamples < 1 || audioSamples + _preSkip > PacketSamples || audioSamples + _preSkip <= PacketSamples - _pendingSamples)
            throw new ArgumentOutOfRangeException(nameof(audioSamples), $"the packets hold {PacketSamples} samples, pre-skip {_preSkip} included");
        _granule = _preSkip + audioSamples - _pendingSamples;
        Flush(FlagEndOfStream);
        _finished = true;
    }

    private void Flush(byte flags)
    {
        if (_pending.Count == 0) return;
        _granule += _pendingSamples;
        var size = 0;
        foreach (var p in _pending) size += p.Length;
        var data = new byte[size];
        var lacing = new List<byte>(_pendingSegments);
        var at = 0;
        foreach (var p in _pending)
        {
            p.CopyTo(data, at);
            at += p.Length;
            for (var left = p.Length; ; left -= 255)
            {
                if (left >= 255) { lacing.Add(255); continue; }
                lacing.Add((byte)left);
                break;
            }
        }
        WritePage(data, flags, _granule, lacing);
        _pending.Clear();
        _pendingSamples = 0;
        _pendingSegments = 0;
    }

    private void WritePage(byte[] data, byte flags, long granule, List<byte>? lacing = null)
    {
        if (lacing is null)
        {
            lacing = [];
            for (var left = data.Length; ; left -= 255)
            {
                if (left >= 255) { lacing.Add(255); continue; }
                lacing.Add((byte)left);
                break;
            }
        }
        var page = new byte[27 + lacing.Count + data.Length];
        "OggS"u8.CopyTo(page);
        page[4] = 0;
        page[5] = flags;
        BinaryPrimitives.WriteInt64LittleEndian(page.AsSpan(6), granule);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(14), _serial);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(18), _sequence++);
        page[26] = (byte)lacing.Count;
        lacing.CopyTo(page, 27);
        data.CopyTo(page, 27 + lacing.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(22), OggCrc.Compute(page));
        _output.Write(page);
    }

    private static byte[] Head(int preSkip)
    {
        var head = new byte[19];
        "OpusHead"u8.CopyTo(head);
        head[8] = 1;
        head[9] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(10), (ushort)preSkip);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(12), SampleRate);
        // Output gain 0, channel mapping family 0 (mono/stereo, no table).
        return head;
    }

    private static byte[] Tags(string vendor)
    {
        var v = Encoding.UTF8.GetBytes(vendor);
        var tags = new byte[8 + 4 + v.Length + 4];
        "OpusTags"u8.CopyTo(tags);
        BinaryPrimitives.WriteUInt32LittleEndian(tags.AsSpan(8), (uint)v.Length);
        v.CopyTo(tags, 12);
        return tags;
    }
}
