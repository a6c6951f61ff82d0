namespace InfoRadio.DeviceAgent.Board;

/// <summary>
/// A board whose readings are set by hand: the demo speakers and the tests use it to play a power cut, a hot box
/// or a cut speaker cable. Thread-safe; a change shows in the next telemetry report.
/// </summary>
public sealed class SimulatedBoardSensors : IBoardSensors
{
    private readonly Lock _gate = new();
    private BoardReading _reading;

    public SimulatedBoardSensors(BoardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var s = options.Simulated ?? new SimulatedBoardOptions();
        _reading = new BoardReading
        {
            Serial = string.IsNullOrWhiteSpace(options.Serial) ? null : LinuxSysfs.ParseSerial(options.Serial),
            Imei = string.IsNullOrWhiteSpace(options.Imei) ? null : options.Imei.Trim(),
            Network = s.Network,
            SignalDbm = s.SignalDbm,
            Ip = s.Ip,
            TemperatureC = s.TemperatureC,
            SupplyVolts = s.SupplyVolts,
            MainsLost = s.MainsLost,
            AmplifierFault = CheckFault(s.AmplifierFault, nameof(s.AmplifierFault)),
            SpeakerFault = CheckFault(s.SpeakerFault, nameof(s.SpeakerFault)),
            Latitude = options.Latitude,
            Longitude = options.Longitude,
        };
    }

    public BoardReading Read()
    {
        lock (_gate) return _reading;
    }

    /// <summary>Mains cut (true) or back (false); the supply voltage follows, as on a board that falls back to its battery.</summary>
    public void SetMainsLost(bool lost) => Change(r => r with { MainsLost = lost, SupplyVolts = lost ? 12.2 : 24.0 });

    public void SetTemperature(double? celsius) => Change(r => r with { TemperatureC = celsius });

    /// <param name="fault"><c>ok</c>, <c>open</c> or <c>short</c>.</param>
    public void SetSpeakerFault(string fault) => Change(r => r with { SpeakerFault = CheckFault(fault, nameof(fault)) });

    /// <param name="fault"><c>ok</c>, <c>open</c> or <c>short</c>.</param>
    public void SetAmplifierFault(string fault) => Change(r => r with { AmplifierFault = CheckFault(fault, nameof(fault)) });

    public void SetSignal(string network, int? signalDbm) => Change(r => r with { Network = network, SignalDbm = signalDbm });

    private void Change(Func<BoardReading, BoardReading> change)
    {
        lock (_gate) _reading = change(_reading);
    }

    private static string CheckFault(string? fault, string name) => fault is "ok" or "open" or "short"
        ? fault
        : throw new ArgumentException($"{name} must be ok, open or short, not '{fault}'", name);
}
