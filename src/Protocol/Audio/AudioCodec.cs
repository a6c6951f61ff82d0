namespace InfoRadio.Protocol.Audio;

/// <summary>Codec of the frames in an audio packet. v1 knows Opus only.</summary>
public enum AudioCodec : byte
{
    Opus = 1,
}
