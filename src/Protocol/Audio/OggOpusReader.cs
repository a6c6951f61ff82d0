using System.Buffers.Binary;

namespace InfoRadio.Protocol.Audio;

/// <summary>One Opus packet of an Ogg Opus file and where it sits on the 48 kHz granule timeline.</summary>
/// <param name="Position">Granule position of the packet's first decoded sample (pre-skip included).</param>
/// <param name="Samples">Decoded samples of the packet (from its TOC).</param>
public readonly record struct OggOpusPacket(byte[] Data, long Position, int Samples);

/// <summary>The file is not a valid single-stream mono Ogg Opus file; the message says where and why.</summary>
public sealed class OggOpusFormatException(string message) : Exception(message);

/// <summary>
/// Reads an Ogg Opus file (RFC 7845, RFC 3533) page by page: every page's CRC is checked, the <c>OpusHead</c> gives
/// the pre-skip (one channel required), <c>OpusTags</c> is skipped, and each audio packet comes out with its
/// granule position computed back from the granule of the page that completes it. Pure: it reads a stream, nothing
/// else. Anything malformed (bad capture pattern, CRC, truncation, a second logical stream, granules that disagree
/// with the packets' durations) throws <see cref="OggOpusFormatException"/>.
/// </summary>
public sealed class OggOpusReader
{
    private const int HeaderSize = 27;
    private readonly Stream _stream;
    private readonly Queue<OggOpusPacket> _ready = new();
    private readonly List<byte[]> _pagePackets = [];
    private readonly MemoryStream _partial = new();
    private readonly byte[] _header = new byte[HeaderSize];
    private int? _serial;
    private uint _expectedSequence;
    private int _headerPackets;
    private bool _eos;
    private bool _anyAudio;

    public OggOpusReader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        while (_headerPackets < 2)
        {
            if (!ReadPage()) throw new OggOpusFormatException("the file ends before its OpusHead and OpusTags headers");
        }
    }

    /// <summary>Samples the decoder's first output holds before the content's sample 0 (OpusHead pre-skip).</summary>
    public int PreSkip { get; private set; }

    /// <summary>The input sample rate the encoder recorded (informative only: Opus always decodes at 48 kHz here).</summary>
    public uint InputSampleRate { get; private set; }

    /// <summary>Granule of the last page read so far: once <see cref="TryRead"/> returns false, the end of the audio.</summary>
    public long LastGranule { get; private set; }

    /// <summary>Playable samples (the end granule minus the pre-skip), known once the last page was read.</summary>
    public long PlayableSamples => Math.Max(0, LastGranule - PreSkip);

    /// <summary>The next audio packet, or false at the end of the stream (after its end-of-stream page).</summary>
    public bool TryRead(out OggOpusPacket packet)
    {
        while (_ready.Count == 0)
        {
            if (_eos || !ReadPage())
            {
                if (!_eos) throw new OggOpusFormatException("the file ends without an end-of-stream page (truncated)");
                packet = default;
                return false;
            }
        }
        packet = _ready.Dequeue();
        return true;
    }

    /// <summary>Reads one page; false at a clean end of input exactly at a page boundary.</summary>
    private bool ReadPage()
    {
        var got = ReadFully(_header);
        if (got == 0) return false;
        if (got < HeaderSize) throw new OggOpusFormatException("truncated page header");
        if (_header[0] != 'O' || _header[1] != 'g' || _header[2] != 'g' || _header[3] != 'S')
            throw new OggOpusFormatException("page does not start with the capture pattern OggS");
        if (_header[4] != 0) throw new OggOpusFormatException($"unsupported Ogg version {_header[4]}");
        var flags = _header[5];
        var granule = BinaryPrimitives.ReadInt64LittleEndian(_header.AsSpan(6));
        var serial = BinaryPrimitives.ReadInt32LittleEndian(_header.AsSpan(14));
        var sequence = BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(18));
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(22));
        var segmentCount = _header[26];
        var lacing = new byte[segmentCount];
        if (ReadFully(lacing) < segmentCount) throw new OggOpusFormatException("truncated segment table");
        var bodyLength = 0;
        foreach (var l in lacing) bodyLength += l;
        var page = new byte[HeaderSize + segmentCount + bodyLength];
        _header.CopyTo(page, 0);
        lacing.CopyTo(page, HeaderSize);
        if (ReadFully(page.AsSpan(HeaderSize + segmentCount)) < bodyLength) throw new OggOpusFormatException($"truncated page {sequence}");
        page.AsSpan(22, 4).Clear();
        if (OggCrc.Compute(page) != crc) throw new OggOpusFormatException($"page {sequence}: CRC mismatch");

        if (_serial is null)
        {
            if ((flags & 0x02) == 0) throw new OggOpusFormatException("first page is not a beginning-of-stream page");
            _serial = serial;
        }
        else if (serial != _serial) throw new OggOpusFormatException("more than one logical stream (chained or multiplexed files are not accepted)");
        if (sequence != _expectedSequence) throw new OggOpusFormatException($"page {sequence} where page {_expectedSequence} was expected (pages lost)");
        _expectedSequence++;
        if ((flags & 0x01) == 0 && _partial.Length > 0) throw new OggOpusFormatException($"page {sequence}: a packet left unfinished was not continued");

        var offset = HeaderSize + segmentCount;
        _pagePackets.Clear();
        foreach (var l in lacing)
        {
            _partial.Write(page, offset, l);
            offset += l;
            if (l < 255)
            {
                _pagePackets.Add(_partial.ToArray());
                _partial.SetLength(0);
            }
        }
        foreach (var data in _pagePackets) OnPacket(data, granule, sequence);
        if (_pending.Count > 0) PlaceAudio(granule, sequence, (flags & 0x04) != 0);
        if ((flags & 0x04) != 0)
        {
            if (_partial.Length > 0) throw new OggOpusFormatException("end-of-stream page inside a packet");
            _eos = true;
        }
        return true;
    }

    private readonly List<(byte[] Data, int Samples)> _pending = [];

    private void OnPacket(byte[] data, long granule, uint sequence)
    {
        switch (_headerPackets)
        {
            case 0:
                ReadHead(data);
                if (granule != 0) throw new OggOpusFormatException("the OpusHead page must have granule 0");
                _headerPackets = 1;
                return;
            case 1:
                if (data.Length < 8 || !data.AsSpan(0, 8).SequenceEqual("OpusTags"u8)) throw new OggOpusFormatException("second packet is not OpusTags");
                _headerPackets = 2;
                return;
        }
        var samples = OpusPacketSamples(data);
        if (samples <= 0) throw new OggOpusFormatException($"page {sequence}: invalid Opus packet");
        _pending.Add((data, samples));
    }

    /// <summary>
    /// The page's granule is the position after its last completed packet: packets are placed back from it. The
    /// end-of-stream page may end earlier than its packets' full length (end trimming); no other page may.
    /// </summary>
    private void PlaceAudio(long granule, uint sequence, bool last)
    {
        if (granule < 0) throw new OggOpusFormatException($"page {sequence}: negative granule on a page that completes packets");
        long total = 0;
        foreach (var p in _pending) total += p.Samples;
        long start;
        if (!_anyAudio)
        {
            // The first audio page says where the stream starts; only a one-page file may end before its packets do.
            start = last && granule < total ? 0 : granule - total;
            if (start < 0) throw new OggOpusFormatException($"page {sequence}: granule {granule} is before the stream start");
            _anyAudio = true;
        }
        else start = LastGranule;
        if (last ? granule > start + total : granule != start + total)
            throw new OggOpusFormatException($"page {sequence}: granule {granule} disagrees with its packets' durations");
        if (granule < start) throw new OggOpusFormatException($"page {sequence}: granule goes backwards");
        var position = start;
        foreach (var (data, samples) in _pending)
        {
            _ready.Enqueue(new OggOpusPacket(data, position, samples));
            position += samples;
        }
        _pending.Clear();
        LastGranule = granule;
    }

    private void ReadHead(byte[] data)
    {
        if (data.Length < 19 || !data.AsSpan(0, 8).SequenceEqual("OpusHead"u8)) throw new OggOpusFormatException("first packet is not OpusHead");
        if ((data[8] & 0xF0) != 0) throw new OggOpusFormatException($"unsupported OpusHead version {data[8]}");
        if (data[9] != 1) throw new OggOpusFormatException($"{data[9]} channels: content must be mono");
        PreSkip = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(10));
        InputSampleRate = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(12));
        if (data[18] != 0) throw new OggOpusFormatException($"channel mapping family {data[18]} is not supported (mono uses 0)");
    }

    /// <summary>Samples at 48 kHz that an Opus packet decodes to (RFC 6716 section 3.1), or 0 when malformed.</summary>
    public static int OpusPacketSamples(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 1) return 0;
        var toc = packet[0];
        var config = toc >> 3;
        int frame = config switch
        {
            < 12 => (config & 3) switch { 0 => 480, 1 => 960, 2 => 1920, _ => 2880 },
            < 16 => (config & 1) == 0 ? 480 : 960,
            _ => (config & 3) switch { 0 => 120, 1 => 240, 2 => 480, _ => 960 },
        };
        int count = (toc & 3) switch
        {
            0 => 1,
            1 or 2 => 2,
            _ => packet.Length < 2 ? 0 : packet[1] & 0x3F,
        };
        var samples = frame * count;
        return samples > 5760 ? 0 : samples;
    }

    private int ReadFully(Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = _stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
