namespace InfoRadio.DeviceAgent.Board;

/// <summary>
/// The cluster's hardware as the telemetry sees it: temperature, supply, faults, network, identity. One reading per
/// telemetry report, on the telemetry loop; an implementation must be cheap (a few small file reads) and thread-safe.
/// </summary>
public interface IBoardSensors
{
    /// <summary>What the board reports now; fields it cannot know stay null. May throw on an I/O failure.</summary>
    BoardReading Read();
}
