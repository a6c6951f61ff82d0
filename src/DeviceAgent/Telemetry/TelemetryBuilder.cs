using InfoRadio.DeviceAgent.Board;
using InfoRadio.DeviceAgent.Playback;

namespace InfoRadio.DeviceAgent.Telemetry;

/// <summary>
/// Builds the periodic <see cref="Protocol.Messages.Telemetry"/> report from what the agent knows and what its board
/// reads. The board's address (its default route's) wins over the MQTT socket's; the box's uptime over the agent's.
/// </summary>
internal static class TelemetryBuilder
{
    public static Protocol.Messages.Telemetry Build(long nowDeviceUs, string firmware, string? ip, PlayoutSnapshot playout, TimeSpan uptime,
        BoardReading board) => new()
    {
        AtUs = nowDeviceUs,
        Serial = board.Serial,
        Imei = board.Imei,
        Firmware = firmware,
        Network = board.Network,
        SignalDbm = board.SignalDbm,
        Ip = board.Ip ?? ip,
        Volume = playout.DeviceVolume,
        Session = playout.PlayingSession,
        PlaySecondsToday = Math.Min(playout.PlaySecondsToday, 86_400),
        TemperatureC = board.TemperatureC,
        SupplyVolts = board.SupplyVolts,
        MainsLost = board.MainsLost,
        AmplifierFault = board.AmplifierFault,
        SpeakerFault = board.SpeakerFault,
        Latitude = board.Latitude,
        Longitude = board.Longitude,
        UptimeS = board.UptimeS ?? (long)Math.Max(0, uptime.TotalSeconds),
        Underruns = playout.Underruns,
    };
}
