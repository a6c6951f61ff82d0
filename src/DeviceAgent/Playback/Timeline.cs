using InfoRadio.Protocol;

namespace InfoRadio.DeviceAgent.Playback;

/// <summary>
/// The v1 timeline: sample <c>p</c> of a session sounds at controller time <c>epochUs + p / 48 kHz + latencyMs</c>.
/// </summary>
internal static class Timeline
{
    /// <summary>
    /// How many samples have reached their instant at controller time <paramref name="controllerNowUs"/>:
    /// samples <c>0 … result - 1</c> are due, so a frame starting at <c>f</c> is due when <c>f &lt; result</c>.
    /// </summary>
    public static ulong DueSamples(long controllerNowUs, long epochUs, int latencyMs)
    {
        var elapsedUs = controllerNowUs - epochUs - latencyMs * 1_000L;
        if (elapsedUs < 0) return 0;
        // Int128: microseconds times 48,000 overflows 64 bits after about six years of stream.
        return (ulong)((Int128)elapsedUs * ProtocolVersion.SampleRate / 1_000_000) + 1;
    }

    /// <summary>Controller time (µs, rounded up) at which sample <paramref name="position"/> sounds.</summary>
    public static long SampleTimeUs(long epochUs, int latencyMs, ulong position) =>
        epochUs + latencyMs * 1_000L + (long)(((Int128)position * 1_000_000 + ProtocolVersion.SampleRate - 1) / ProtocolVersion.SampleRate);

    public static ulong SamplesIn(TimeSpan duration) => (ulong)(duration.Ticks * ProtocolVersion.SampleRate / TimeSpan.TicksPerSecond);
}
