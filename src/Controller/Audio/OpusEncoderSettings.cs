namespace InfoRadio.Controller.Audio;

/// <summary>How the controller encodes a broadcast to Opus (48 kHz mono). Bound from configuration.</summary>
public sealed class OpusEncoderSettings
{
    public const string SectionName = "Audio:Opus";

    /// <summary>Voip for speech (the usual bulletin or announcement), Audio for music.</summary>
    public OpusApplicationType Application { get; set; } = OpusApplicationType.Voip;

    public int BitrateBps { get; set; } = 32_000;

    /// <summary>Samples per frame at 48 kHz: 120, 240, 480, 960 (20 ms, the default), 1920 or 2880.</summary>
    public int FrameSamples { get; set; } = 960;

    /// <summary>0 (cheapest) to 10 (best). A broadcast is encoded once however many speakers play it.</summary>
    public int Complexity { get; set; } = 10;

    /// <summary>In-band forward error correction; only does anything with <see cref="PacketLossPercent"/> above 0.</summary>
    public bool UseInbandFec { get; set; }

    /// <summary>Expected packet loss, 0–100, the encoder's hint for how much redundancy to spend.</summary>
    public int PacketLossPercent { get; set; }

    /// <summary>
    /// Discontinuous transmission: near-silent frames shrink to 1–2 bytes. Receivers must treat frames of at most
    /// one byte as lost (packet loss concealment); Concentus's managed decoder throws on them mid-stream.
    /// </summary>
    public bool UseDtx { get; set; }

    /// <summary>
    /// Encode with native libopus (Debian: libopus0) through Concentus; false keeps Concentus's managed port, the
    /// same on every box. When true but no libopus loads, the controller logs a warning at start and encodes managed.
    /// </summary>
    public bool UseNativeLibrary { get; set; }

    public static readonly IReadOnlyList<int> ValidFrameSamples = [120, 240, 480, 960, 1920, 2880];

    /// <summary>Null when the settings are usable, else what is wrong.</summary>
    public string? Validate()
    {
        if (!Enum.IsDefined(Application)) return $"unknown Opus application {Application}";
        if (BitrateBps is < 6_000 or > 510_000) return $"Opus bitrate {BitrateBps} bps is outside 6000–510000";
        if (!ValidFrameSamples.Contains(FrameSamples))
            return $"{FrameSamples} samples is not an Opus frame size at 48 kHz ({string.Join(", ", ValidFrameSamples)})";
        if (Complexity is < 0 or > 10) return $"Opus complexity {Complexity} is outside 0–10";
        if (PacketLossPercent is < 0 or > 100) return $"packet loss {PacketLossPercent}% is outside 0–100";
        return null;
    }

    public OpusEncoderSettings Clone() => (OpusEncoderSettings)MemberwiseClone();
}
