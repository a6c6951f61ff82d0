using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace InfoRadio.DeviceAgent.Board;

/// <summary>
/// Reads a Linux box's own sensors: the hottest thermal zone, /proc/uptime, the default route's interface (its
/// kind, address and, for Wi-Fi, signal), the serial number and the power supplies. Every path is under
/// <see cref="BoardOptions.Root"/>, so tests build a fake tree in a temporary folder. Amplifier and speaker faults
/// need the amplifier board's own sense lines, which a plain Linux box does not have: they stay null.
/// </summary>
public sealed class LinuxBoardSensors : IBoardSensors
{
    private readonly BoardOptions _options;
    private readonly string _root;
    private readonly Func<string, string?> _addressOf;
    private string? _serial;

    public LinuxBoardSensors(BoardOptions options)
        : this(options, InterfaceAddress)
    {
    }

    /// <param name="addressOf">The address of an interface by name (tests give their own; the real one asks the kernel).</param>
    public LinuxBoardSensors(BoardOptions options, Func<string, string?> addressOf)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _addressOf = addressOf ?? throw new ArgumentNullException(nameof(addressOf));
        _root = string.IsNullOrEmpty(options.Root) ? "/" : options.Root;
    }

    public BoardReading Read()
    {
        var route = ReadText("proc/net/route") is { } routes ? LinuxSysfs.ParseDefaultRouteInterface(routes) : null;
        var network = LinuxSysfs.NetworkKind(route);
        var (mainsLost, volts) = LinuxSysfs.SummarizePowerSupplies(PowerSupplies());
        return new BoardReading
        {
            Serial = Serial(),
            Imei = string.IsNullOrWhiteSpace(_options.Imei) ? null : _options.Imei.Trim(),
            Network = network,
            SignalDbm = network == "wifi" && ReadText("proc/net/wireless") is { } wireless ? LinuxSysfs.ParseWirelessSignal(wireless, route!) : null,
            Ip = route is null ? null : _addressOf(route),
            TemperatureC = Temperature(),
            SupplyVolts = volts,
            MainsLost = mainsLost,
            Latitude = _options.Latitude,
            Longitude = _options.Longitude,
            UptimeS = ReadText("proc/uptime") is { } uptime ? LinuxSysfs.ParseUptime(uptime) : null,
        };
    }

    /// <summary>The hottest zone: the box is only as safe as its warmest part (usually the SoC under the sun).</summary>
    private double? Temperature()
    {
        var dir = Combine("sys/class/thermal");
        if (!Directory.Exists(dir)) return null;
        double? max = null;
        foreach (var zone in Directory.EnumerateDirectories(dir, "thermal_zone*"))
        {
            if (ReadFile(Path.Combine(zone, "temp")) is { } text && LinuxSysfs.ParseThermalMillidegrees(text) is { } t && (max is null || t > max))
                max = t;
        }
        return max;
    }

    /// <summary>Read once: it does not change while the agent runs.</summary>
    private string? Serial() => _serial ??=
        (string.IsNullOrWhiteSpace(_options.Serial) ? null : LinuxSysfs.ParseSerial(_options.Serial))
        ?? (ReadText("proc/device-tree/serial-number") is { } dt ? LinuxSysfs.ParseSerial(dt) : null)
        ?? (ReadText("etc/machine-id") is { } id ? LinuxSysfs.ParseSerial(id) : null);

    private IEnumerable<PowerSupplyEntry> PowerSupplies()
    {
        var dir = Combine("sys/class/power_supply");
        if (!Directory.Exists(dir)) yield break;
        foreach (var supply in Directory.EnumerateDirectories(dir))
        {
            yield return LinuxSysfs.ParsePowerSupply(ReadFile(Path.Combine(supply, "type")), ReadFile(Path.Combine(supply, "online")),
                ReadFile(Path.Combine(supply, "status")), ReadFile(Path.Combine(supply, "voltage_now")));
        }
    }

    private string Combine(string relative) => Path.Combine(_root, relative);

    private string? ReadText(string relative) => ReadFile(Combine(relative));

    /// <summary>Missing or unreadable files are normal (boards differ): they read as "unknown".</summary>
    private static string? ReadFile(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? InterfaceAddress(string name)
    {
        try
        {
            var nic = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == name);
            var addresses = nic?.GetIPProperties().UnicastAddresses.Select(a => a.Address).ToList();
            var address = addresses?.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? addresses?.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetworkV6 && !a.IsIPv6LinkLocal);
            return address?.ToString();
        }
        catch (NetworkInformationException)
        {
            return null;
        }
    }
}
