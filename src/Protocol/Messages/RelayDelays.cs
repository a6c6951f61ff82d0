using System.Text.Json.Serialization;

namespace InfoRadio.Protocol.Messages;

/// <summary>
/// Amplifier relay sequencing of a speaker cluster (relay 1 switches the amplifier's power supply, relay 2 the
/// amplifier itself). Switching on: power, <see cref="PowerOnDelayMs"/> later the amplifier,
/// <see cref="AmplifierOnDelayMs"/> later the first sample. Switching off after the last sample:
/// <see cref="AmplifierOffDelayMs"/> later the amplifier, <see cref="PowerOffDelayMs"/> later the power.
/// </summary>
public sealed record RelayDelays : IValidatable
{
    public const int MaxDelayMs = 60_000;

    /// <summary>From relay 1 (power) on to relay 2 (amplifier) on: the supply settles first.</summary>
    public required int PowerOnDelayMs { get; init; }
    /// <summary>From relay 2 (amplifier) on to the first sample: the amplifier's own power-up (no pop).</summary>
    public required int AmplifierOnDelayMs { get; init; }
    /// <summary>From the last sample to relay 2 off: a short pause between sessions keeps the amplifier on.</summary>
    public required int AmplifierOffDelayMs { get; init; }
    /// <summary>From relay 2 off to relay 1 off.</summary>
    public required int PowerOffDelayMs { get; init; }

    /// <summary>How long before its first sample a session must switch the power on.</summary>
    [JsonIgnore]
    public TimeSpan SwitchOnLead => TimeSpan.FromMilliseconds((long)PowerOnDelayMs + AmplifierOnDelayMs);

    public string? Validate() => Check.First(
        Check.Range(PowerOnDelayMs, 0, MaxDelayMs, "powerOnDelayMs"),
        Check.Range(AmplifierOnDelayMs, 0, MaxDelayMs, "amplifierOnDelayMs"),
        Check.Range(AmplifierOffDelayMs, 0, MaxDelayMs, "amplifierOffDelayMs"),
        Check.Range(PowerOffDelayMs, 0, MaxDelayMs, "powerOffDelayMs"));
}
