using System.Text.Json.Serialization;

namespace InfoRadio.Protocol.Messages;

/// <summary>
/// One active broadcast session as a device must know it: which stream to play, how it ranks against others,
/// and where its timeline sits in controller time. Sample <c>p</c> of the stream plays at
/// <c>EpochUs + p / 48 kHz + LatencyMs</c> (controller clock).
/// </summary>
public sealed record SessionInfo : IValidatable
{
    public const int MaxSessionIdLength = 64;

    public required string Session { get; init; }
    public required uint Stream { get; init; }
    public required PriorityClass Priority { get; init; }
    public required OriginLevel Origin { get; init; }
    /// <summary>Controller time (unix µs) of sample 0 of the stream.</summary>
    public required long EpochUs { get; init; }
    /// <summary>Delay between a sample's place on the timeline and the instant it sounds.</summary>
    public required int LatencyMs { get; init; }
    /// <summary>Samples per Opus frame (960 = 20 ms).</summary>
    // Required on the wire: the source-generated reader would read a missing value as 0, not as 960.
    [JsonRequired]
    public int FrameSamples { get; init; } = 960;
    /// <summary>Volume 0–100 forced for this session (emergency), or null for the device's own volume.</summary>
    public int? Volume { get; init; }
    public string? Title { get; init; }
    /// <summary>The <see cref="PlanItem.Id"/> of the scheduled slot this session airs, if it airs one.</summary>
    public string? Slot { get; init; }

    /// <summary>Controller time (unix µs) at which sample <paramref name="position"/> of the stream sounds.</summary>
    public long SoundsAtUs(ulong position) => SoundsAtUs(EpochUs, LatencyMs, position);

    /// <summary>
    /// Controller time (unix µs) at which sample <paramref name="position"/> of a stream sounds: its place on the
    /// timeline that starts at <paramref name="epochUs"/>, plus the session's latency.
    /// </summary>
    public static long SoundsAtUs(long epochUs, int latencyMs, ulong position) =>
        epochUs + latencyMs * 1000L + (long)(position * 1_000_000UL / ProtocolVersion.SampleRate);

    public string? Validate() => Check.First(
        Identifiers.Check(Session, "session"),
        Check.Range(Stream, 1, uint.MaxValue, "stream"),
        Check.Defined(Priority, "priority"),
        Check.Defined(Origin, "origin"),
        Check.Timestamp(EpochUs, "epochUs"),
        Check.Range(LatencyMs, 0, 60_000, "latencyMs"),
        FrameSamples is 120 or 240 or 480 or 960 or 1920 or 2880 ? null : "frameSamples must be an Opus frame size at 48 kHz",
        Volume is { } v ? Check.Range(v, 0, 100, "volume") : null,
        Check.Text(Title, 200, "title"),
        Slot is null ? null : Identifiers.Check(Slot, "slot"));
}
