namespace InfoRadio.Controller.Audio;

/// <summary>
/// The 4-byte header of an MPEG-1/2/2.5 audio frame (layers I–III). Used to recognise MP3 content by its bytes
/// and to describe it; decoding itself is NLayer's job.
/// </summary>
public readonly record struct MpegAudioFrameHeader(
    string Version, int Layer, int BitrateKbps, int SampleRate, int Channels, int FrameLength)
{
    public const int Size = 4;

    private static readonly int[][] Bitrates =
    [
        [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448], // MPEG-1 layer I
        [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],    // MPEG-1 layer II
        [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],     // MPEG-1 layer III
        [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],    // MPEG-2/2.5 layer I
        [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],         // MPEG-2/2.5 layers II and III
    ];

    private static readonly int[] Mpeg1Rates = [44_100, 48_000, 32_000];

    /// <summary>
    /// Parses a frame header. Free-format frames (bitrate index 0) are refused: their length cannot be known from
    /// the header, so they cannot confirm a sync, and they are vanishingly rare in real files.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out MpegAudioFrameHeader header)
    {
        header = default;
        if (bytes.Length < Size) return false;
        if (bytes[0] != 0xFF || (bytes[1] & 0xE0) != 0xE0) return false;
        var versionBits = (bytes[1] >> 3) & 0x3;
        var layerBits = (bytes[1] >> 1) & 0x3;
        var bitrateIndex = bytes[2] >> 4;
        var rateIndex = (bytes[2] >> 2) & 0x3;
        var padding = (bytes[2] >> 1) & 0x1;
        var channelMode = bytes[3] >> 6;
        var emphasis = bytes[3] & 0x3;
        if (versionBits == 1 || layerBits == 0 || bitrateIndex is 0 or 15 || rateIndex == 3 || emphasis == 2) return false;

        var layer = 4 - layerBits;
        var isMpeg1 = versionBits == 3;
        var table = isMpeg1 ? layer - 1 : layer == 1 ? 3 : 4;
        var bitrate = Bitrates[table][bitrateIndex];
        var divisor = versionBits switch { 3 => 1, 2 => 2, _ => 4 };
        var sampleRate = Mpeg1Rates[rateIndex] / divisor;
        var length = layer switch
        {
            1 => (12 * bitrate * 1000 / sampleRate + padding) * 4,
            2 => 144 * bitrate * 1000 / sampleRate + padding,
            _ => (isMpeg1 ? 144 : 72) * bitrate * 1000 / sampleRate + padding,
        };
        var version = versionBits switch { 3 => "MPEG-1", 2 => "MPEG-2", _ => "MPEG-2.5" };
        header = new MpegAudioFrameHeader(version, layer, bitrate, sampleRate, channelMode == 3 ? 1 : 2, length);
        return true;
    }

    /// <summary>True when <paramref name="other"/> can follow this frame in the same stream.</summary>
    public bool IsCompatibleWith(MpegAudioFrameHeader other) =>
        other.Version == Version && other.Layer == Layer && other.SampleRate == SampleRate;

    public string Describe() => Layer == 3
        ? $"MP3 ({Version} Layer III)"
        : $"MPEG audio ({Version} Layer {(Layer == 1 ? "I" : "II")})";
}
