namespace InfoRadio.DeviceAgent.Board;

/// <summary>Chooses the board implementation named by <see cref="BoardOptions.Kind"/>.</summary>
public static class BoardSensors
{
    private sealed class NoBoard : IBoardSensors
    {
        public BoardReading Read() => BoardReading.Empty;
    }

    /// <summary>A board that reports nothing (telemetry then carries only what the agent itself knows).</summary>
    public static readonly IBoardSensors None = new NoBoard();

    /// <exception cref="ArgumentException">An unknown kind (the options validator reports it first).</exception>
    public static IBoardSensors Create(BoardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Kind switch
        {
            BoardOptions.KindLinux => new LinuxBoardSensors(options),
            BoardOptions.KindSimulated => new SimulatedBoardSensors(options),
            BoardOptions.KindNone => None,
            _ => throw new ArgumentException($"Agent:Board:Kind '{options.Kind}' is unknown", nameof(options)),
        };
    }
}
