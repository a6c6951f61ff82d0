namespace InfoRadio.DeviceAgent.Board;

/// <summary>Section <c>Agent:Board</c>: where the telemetry's hardware readings come from.</summary>
public sealed class BoardOptions
{
    public const string KindLinux = "linux";
    public const string KindSimulated = "simulated";
    public const string KindNone = "none";

    /// <summary>Values accepted by <see cref="Kind"/>.</summary>
    public static readonly IReadOnlyList<string> Kinds = [KindLinux, KindSimulated, KindNone];

    /// <summary><c>linux</c> (sysfs and procfs), <c>simulated</c> (values below, changeable at run time) or <c>none</c>.</summary>
    public string Kind { get; set; } = KindLinux;

    /// <summary>Prefix of /sys, /proc and /etc for the Linux board, so tests can point it at a folder of their own.</summary>
    public string Root { get; set; } = "/";

    /// <summary>Serial number to report; when empty the Linux board reads the device tree's, then the machine id.</summary>
    public string? Serial { get; set; }

    /// <summary>The modem's IMEI, from the installer (the agent does not talk AT commands to the modem).</summary>
    public string? Imei { get; set; }

    /// <summary>Surveyed position of the box when it has no GPS receiver.</summary>
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    /// <summary>Starting values of the simulated board.</summary>
    public SimulatedBoardOptions Simulated { get; set; } = new();
}

/// <summary>A healthy cluster by default; tests and demos change the values at run time on <see cref="SimulatedBoardSensors"/>.</summary>
public sealed class SimulatedBoardOptions
{
    public string Network { get; set; } = "4g";
    public int? SignalDbm { get; set; } = -75;
    public string? Ip { get; set; }
    public double? TemperatureC { get; set; } = 41.5;
    public double? SupplyVolts { get; set; } = 24.0;
    public bool MainsLost { get; set; }
    public string AmplifierFault { get; set; } = "ok";
    public string SpeakerFault { get; set; } = "ok";
}
