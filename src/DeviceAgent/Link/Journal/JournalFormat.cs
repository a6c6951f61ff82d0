using System.Buffers.Binary;
using System.Text;
using InfoRadio.Protocol.Audio;

namespace InfoRadio.DeviceAgent.Link.Journal;

/// <summary>
/// The bytes of the event journal: an 8-byte header, then records, each <c>u32 length | u32 crc32 | body</c>
/// (little endian; the CRC covers the body), body = <c>u8 kind | i64 seq | rest</c>; an event's rest is
/// <c>u16 topic length | topic (UTF-8) | payload</c>, a drop's is <c>u32 count</c>. A record is valid only whole and
/// with its CRC right, so a write torn by a power cut is recognised, and everything before it is kept.
/// </summary>
internal static class JournalFormat
{
    public static ReadOnlySpan<byte> Header => "IREVTJ1\n"u8;

    /// <summary>No record is larger: events are at most 16 KB of JSON, so anything bigger is damage, not data.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private const int FrameBytes = 8;
    private const int FixedBodyBytes = 1 + 8;

    public static byte[] Encode(JournalRecord record)
    {
        var topic = Encoding.UTF8.GetBytes(record.Topic);
        var rest = record.Kind switch
        {
            JournalRecordKind.Event => 2 + topic.Length + record.Payload.Length,
            JournalRecordKind.Drop => 4,
            _ => 0,
        };
        var body = FixedBodyBytes + rest;
        if (body > MaxBodyBytes || topic.Length > ushort.MaxValue)
            throw new ArgumentException($"A journal record is limited to {MaxBodyBytes} bytes; this one has {body}.", nameof(record));
        var bytes = new byte[FrameBytes + body];
        var span = bytes.AsSpan(FrameBytes);
        span[0] = (byte)record.Kind;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], record.Seq);
        switch (record.Kind)
        {
            case JournalRecordKind.Event:
                BinaryPrimitives.WriteUInt16LittleEndian(span[9..], (ushort)topic.Length);
                topic.CopyTo(span[11..]);
                record.Payload.CopyTo(span[(11 + topic.Length)..]);
                break;
            case JournalRecordKind.Drop:
                BinaryPrimitives.WriteInt32LittleEndian(span[9..], record.Count);
                break;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)body);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), OggCrc.Compute(span));
        return bytes;
    }

    /// <summary>
    /// Reads the records of a whole journal file. <paramref name="validLength"/> is where the last whole, valid record
    /// ends (the file is cut there before appending); <paramref name="damage"/> says what followed it, if anything.
    /// </summary>
    public static List<JournalRecord> Decode(ReadOnlySpan<byte> file, out long validLength, out string? damage)
    {
        var records = new List<JournalRecord>();
        validLength = 0;
        damage = null;
        if (file.IsEmpty) return records;
        if (file.Length < Header.Length || !file[..Header.Length].SequenceEqual(Header))
        {
            damage = "not an event journal (unknown header)";
            return records;
        }
        var offset = Header.Length;
        validLength = offset;
        while (offset < file.Length)
        {
            if (!TryDecodeOne(file[offset..], out var record, out var used, out damage))
            {
                damage = $"{damage} at byte {offset} ({file.Length - offset} bytes skipped)";
                return records;
            }
            records.Add(record);
            offset += used;
            validLength = offset;
        }
        return records;
    }

    private static bool TryDecodeOne(ReadOnlySpan<byte> data, out JournalRecord record, out int used, out string? damage)
    {
        record = default;
        used = 0;
        damage = null;
        if (data.Length < FrameBytes)
        {
            damage = "a torn record header";
            return false;
        }
        var length = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (length < FixedBodyBytes || length > MaxBodyBytes)
        {
            damage = $"an impossible record length {length}";
            return false;
        }
        if (data.Length < FrameBytes + length)
        {
            damage = "a torn record";
            return false;
        }
        var body = data.Slice(FrameBytes, (int)length);
        if (OggCrc.Compute(body) != BinaryPrimitives.ReadUInt32LittleEndian(data[4..]))
        {
            damage = "a record with a wrong checksum";
            return false;
        }
        var kind = (JournalRecordKind)body[0];
        var seq = BinaryPrimitives.ReadInt64LittleEndian(body[1..]);
        var rest = body[FixedBodyBytes..];
        switch (kind)
        {
            case JournalRecordKind.Event when rest.Length >= 2 && BinaryPrimitives.ReadUInt16LittleEndian(rest) is var topicLength && rest.Length >= 2 + topicLength:
                record = JournalRecord.Event(seq, Encoding.UTF8.GetString(rest.Slice(2, topicLength)), rest[(2 + topicLength)..].ToArray());
                break;
            case JournalRecordKind.Ack when rest.IsEmpty:
                record = JournalRecord.Ack(seq);
                break;
            case JournalRecordKind.Drop when rest.Length == 4:
                record = JournalRecord.Drop(seq, BinaryPrimitives.ReadInt32LittleEndian(rest));
                break;
            case JournalRecordKind.DropsReported when rest.IsEmpty:
                record = JournalRecord.DropsReported();
                break;
            default:
                damage = $"a record of unknown kind {(byte)kind} or shape";
                return false;
        }
        used = FrameBytes + (int)length;
        return true;
    }
}
