namespace InfoRadio.Protocol.Audio;

[Flags]
public enum AudioPacketFlags : byte
{
    None = 0,
    /// <summary>First packet of the stream (position 0 unless the stream was joined late).</summary>
    Start = 0x01,
    /// <summary>Last packet: the stream ends after its frames (an end packet may carry no frames).</summary>
    End = 0x02,
    /// <summary>The encoder was reset: the decoder must be reset before the first frame.</summary>
    Discontinuity = 0x04,
    /// <summary>Bits a v1 packet may set; any other bit makes the packet invalid.</summary>
    Known = Start | End | Discontinuity,
}
