using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace InfoRadio.LoadSim.Mqtt;

/// <summary>
/// The few MQTT 5 packets a simulated speaker sends, encoded by hand (OASIS MQTT 5.0, section 3), and the primitives
/// to read what the broker sends back. No properties are sent; received ones are skipped.
/// </summary>
public static class MqttWire
{
    public const byte Connect = 0x10, ConnAck = 0x20, Publish = 0x30, PubAck = 0x40, Subscribe = 0x82, SubAck = 0x90,
        Unsubscribe = 0xA2, UnsubAck = 0xB0, PingReq = 0xC0, PingResp = 0xD0, Disconnect = 0xE0;

    /// <summary>What a CONNECT carries for a speaker: credentials, keep-alive and a retained QoS 1 Last Will.</summary>
    public sealed record ConnectFields(string ClientId, string Username, string Password, ushort KeepAliveSeconds, string WillTopic, byte[] WillPayload);

    public static byte[] EncodeConnect(ConnectFields c)
    {
        var body = new ArrayBufferWriter<byte>(128);
        WriteString(body, "MQTT");
        WriteByte(body, 5); // protocol level 5
        // user name, password, will retain, will QoS 1, will flag, clean start
        WriteByte(body, 0x80 | 0x40 | 0x20 | 0x08 | 0x04 | 0x02);
        WriteUInt16(body, c.KeepAliveSeconds);
        WriteByte(body, 0); // no properties
        WriteString(body, c.ClientId);
        WriteByte(body, 0); // no will properties
        WriteString(body, c.WillTopic);
        WriteBinary(body, c.WillPayload);
        WriteString(body, c.Username);
        WriteBinary(body, Encoding.UTF8.GetBytes(c.Password));
        return Frame(Connect, body.WrittenSpan);
    }

    public static byte[] EncodeSubscribe(ushort packetId, string filter, int qos)
    {
        var body = new ArrayBufferWriter<byte>(64);
        WriteUInt16(body, packetId);
        WriteByte(body, 0);
        WriteString(body, filter);
        WriteByte(body, (byte)qos);
        return Frame(Subscribe, body.WrittenSpan);
    }

    public static byte[] EncodeUnsubscribe(ushort packetId, string filter)
    {
        var body = new ArrayBufferWriter<byte>(64);
        WriteUInt16(body, packetId);
        WriteByte(body, 0);
        WriteString(body, filter);
        return Frame(Unsubscribe, body.WrittenSpan);
    }

    /// <param name="packetId">0 for QoS 0.</param>
    public static byte[] EncodePublish(string topic, ReadOnlySpan<byte> payload, int qos, bool retain, ushort packetId)
    {
        var body = new ArrayBufferWriter<byte>(topic.Length + payload.Length + 8);
        WriteString(body, topic);
        if (qos > 0) WriteUInt16(body, packetId);
        WriteByte(body, 0);
        body.Write(payload);
        return Frame((byte)(Publish | (qos << 1) | (retain ? 1 : 0)), body.WrittenSpan);
    }

    public static byte[] EncodePubAck(ushort packetId) => [PubAck, 2, (byte)(packetId >> 8), (byte)packetId];

    public static readonly byte[] PingRequest = [PingReq, 0];
    public static readonly byte[] DisconnectNormally = [Disconnect, 0];

    /// <summary>
    /// Finds a whole packet at the start of <paramref name="data"/>: its first byte, where its body starts and how long
    /// it is. False when more bytes are needed; throws on a malformed length.
    /// </summary>
    public static bool TryFrame(ReadOnlySpan<byte> data, out byte header, out int bodyStart, out int bodyLength)
    {
        header = 0;
        bodyStart = bodyLength = 0;
        if (data.Length < 2) return false;
        if (!TryReadVarInt(data[1..], out var length, out var used)) return false;
        header = data[0];
        bodyStart = 1 + used;
        bodyLength = length;
        return data.Length >= bodyStart + bodyLength;
    }

    /// <summary>A variable byte integer (1–4 bytes); false when the bytes end first.</summary>
    /// <exception cref="InvalidDataException">More than four bytes.</exception>
    public static bool TryReadVarInt(ReadOnlySpan<byte> data, out int value, out int used)
    {
        value = 0;
        for (used = 0; used < 4; used++)
        {
            if (used >= data.Length) return false;
            var b = data[used];
            value |= (b & 0x7F) << (7 * used);
            if ((b & 0x80) == 0)
            {
                used++;
                return true;
            }
        }
        throw new InvalidDataException("an MQTT variable byte integer longer than four bytes");
    }

    /// <summary>Skips a properties block (its length, then the properties) and returns the bytes after it.</summary>
    public static ReadOnlySpan<byte> SkipProperties(ReadOnlySpan<byte> data)
    {
        if (!TryReadVarInt(data, out var length, out var used) || used + length > data.Length)
            throw new InvalidDataException("a truncated MQTT properties block");
        return data[(used + length)..];
    }

    public static ushort ReadUInt16(ReadOnlySpan<byte> data) => BinaryPrimitives.ReadUInt16BigEndian(data);

    private static byte[] Frame(byte header, ReadOnlySpan<byte> body)
    {
        Span<byte> length = stackalloc byte[4];
        var n = 0;
        var value = body.Length;
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            length[n++] = value > 0 ? (byte)(b | 0x80) : b;
        }
        while (value > 0);
        var packet = new byte[1 + n + body.Length];
        packet[0] = header;
        length[..n].CopyTo(packet.AsSpan(1));
        body.CopyTo(packet.AsSpan(1 + n));
        return packet;
    }

    private static void WriteByte(ArrayBufferWriter<byte> writer, int value)
    {
        writer.GetSpan(1)[0] = (byte)value;
        writer.Advance(1);
    }

    private static void WriteUInt16(ArrayBufferWriter<byte> writer, int value)
    {
        WriteByte(writer, value >> 8);
        WriteByte(writer, value);
    }

    private static void WriteString(ArrayBufferWriter<byte> writer, string value) => WriteBinary(writer, Encoding.UTF8.GetBytes(value));

    private static void WriteBinary(ArrayBufferWriter<byte> writer, ReadOnlySpan<byte> value)
    {
        WriteUInt16(writer, value.Length);
        writer.Write(value);
    }
}
