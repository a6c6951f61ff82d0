using InfoRadio.DeviceAgent.Board;

namespace InfoRadio.DeviceAgent.Tests.Board;

/// <summary>The Linux board against a fake /sys, /proc and /etc in a temporary folder.</summary>
public sealed class LinuxBoardSensors_Tests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "inforadio-sysfs-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>As in real sysfs, where class entries are symbolic links to the device folders.</summary>
    private void Link(string classEntry, string deviceFolder)
    {
        var link = Path.Combine(_root, classEntry);
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        Directory.CreateSymbolicLink(link, Path.Combine(_root, deviceFolder));
    }

    private LinuxBoardSensors Board(string? serial = null) =>
        new(new BoardOptions { Root = _root, Serial = serial, Imei = "356938035643809" }, name => name == "wwan0" ? "10.64.3.17" : null);

    [Fact]
    public void A_full_tree_gives_every_reading()
    {
        Write("sys/class/thermal/thermal_zone0/temp", "51250\n");
        Write("sys/devices/virtual/thermal/thermal_zone1/temp", "73900\n");
        Link("sys/class/thermal/thermal_zone1", "sys/devices/virtual/thermal/thermal_zone1");
        Write("sys/class/thermal/thermal_zone2/temp", "garbage\n");
        Write("proc/uptime", "86461.20 170000.01\n");
        Write("proc/net/route", "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT\n" +
                                "wwan0\t00000000\t01000A0A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n");
        Write("proc/device-tree/serial-number", "00000000c0ffee01\0");
        Write("etc/machine-id", "0123456789abcdef0123456789abcdef\n");
        Write("sys/devices/platform/ac/power_supply/ac/type", "Mains\n");
        Write("sys/devices/platform/ac/power_supply/ac/online", "0\n");
        Link("sys/class/power_supply/ac", "sys/devices/platform/ac/power_supply/ac");
        Write("sys/class/power_supply/bat/type", "Battery\n");
        // Not "Discharging": only the (linked) mains entry can tell that the mains is lost.
        Write("sys/class/power_supply/bat/status", "Not charging\n");
        Write("sys/class/power_supply/bat/voltage_now", "11900000\n");

        var r = Board().Read();
        Assert.Equal(73.9, r.TemperatureC); // the hottest zone
        Assert.Equal(86461L, r.UptimeS);
        Assert.Equal(("4g", "10.64.3.17"), (r.Network, r.Ip));
        Assert.Null(r.SignalDbm);
        Assert.Equal("00000000c0ffee01", r.Serial);
        Assert.Equal("356938035643809", r.Imei);
        Assert.Equal((true, 11.9), (r.MainsLost, r.SupplyVolts));
        Assert.Null(r.SpeakerFault);
        Assert.Null(r.AmplifierFault);
        Assert.True(Validates(r));
    }

    [Fact]
    public void Without_a_device_tree_serial_the_machine_id_is_used_and_the_configured_serial_wins_over_both()
    {
        Write("etc/machine-id", "0123456789abcdef0123456789abcdef\n");
        Assert.Equal("0123456789abcdef0123456789abcdef", Board().Read().Serial);
        Assert.Equal("LOA-2026-0001", Board(serial: "LOA-2026-0001").Read().Serial);
    }

    [Fact]
    public void An_empty_tree_reads_as_unknown_rather_than_failing()
    {
        Directory.CreateDirectory(_root);
        var r = Board().Read();
        Assert.Equal((null, null, null, null, null, null, null), (r.TemperatureC, r.UptimeS, r.Network, r.Ip, r.Serial, r.MainsLost, r.SupplyVolts));
    }

    [Fact]
    public void A_wifi_default_route_reports_its_signal()
    {
        Write("proc/net/route", "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT\n" +
                                "wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n");
        Write("proc/net/wireless", "Inter-| sta-|   Quality        |   Discarded packets               | Missed | WE\n" +
                                   " face | tus | link level noise |  nwid  crypt   frag  retry   misc | beacon | 22\n" +
                                   "wlan0: 0000   40.  -70.  -256        0      0      0      0      0        0\n");
        var r = Board().Read();
        Assert.Equal(("wifi", -70, (string?)null), (r.Network, r.SignalDbm, r.Ip));
    }

    [Fact]
    public void This_machine_can_be_read_without_failing()
    {
        var r = new LinuxBoardSensors(new BoardOptions()).Read();
        Assert.True(r.UptimeS > 0, "every Linux has /proc/uptime");
        Assert.True(Validates(r));
    }

    private static bool Validates(BoardReading r) => new Protocol.Messages.Telemetry
    {
        AtUs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000,
        Serial = r.Serial, Imei = r.Imei, Network = r.Network, SignalDbm = r.SignalDbm, Ip = r.Ip, TemperatureC = r.TemperatureC,
        SupplyVolts = r.SupplyVolts, MainsLost = r.MainsLost, UptimeS = r.UptimeS,
    }.Validate() is null;
}
