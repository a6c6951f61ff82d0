using InfoRadio.DeviceAgent.Playback;

namespace InfoRadio.DeviceAgent.Telemetry;

/// <summary>
/// Builds the periodic <see cref="Protocol.Messages.Telemetry"/> report from what the agent knows. Hardware
/// fields (signal, temperature, supply, faults, GPS) stay null until a board driver provides them.
/// </summary>
internal static class TelemetryBuilder
{
    public static Protocol.Messages.Telemetry Build(long nowDeviceUs, string firmware, string? ip, PlayoutSnapshot playout, TimeSpan uptime) => new()
    {
        AtUs = nowDeviceUs,
        Firmware = firmware,
        Ip = ip,
        Volume = playout.DeviceVolume,
        Session = playout.PlayingSession,
        PlaySecondsToday = Math.Min(playout.PlaySecondsToday, 86_400),
        UptimeS = (long)Math.Max(0, uptime.TotalSeconds),
        Underruns = playout.Underruns,
    };
}
