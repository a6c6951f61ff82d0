using InfoRadio.DeviceAgent.Board;

namespace InfoRadio.DeviceAgent.Tests.Board;

public sealed class LinuxSysfs_Tests
{
    [Theory]
    [InlineData("48312\n", 48.3)]
    [InlineData("-5000", -5.0)]
    [InlineData("71000", 71.0)]
    public void Thermal_zones_are_millidegrees(string text, double expected) => Assert.Equal(expected, LinuxSysfs.ParseThermalMillidegrees(text));

    [Theory]
    [InlineData("")]
    [InlineData("hot")]
    [InlineData("200000")] // a broken sensor, beyond what the protocol accepts
    public void Nonsense_temperatures_read_as_unknown(string text) => Assert.Null(LinuxSysfs.ParseThermalMillidegrees(text));

    [Fact]
    public void Uptime_is_the_first_number_of_proc_uptime()
    {
        Assert.Equal(350735L, LinuxSysfs.ParseUptime("350735.47 234388.90\n"));
        Assert.Null(LinuxSysfs.ParseUptime("garbage"));
    }

    private const string Routes =
        "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n" +
        "wwan0\t00000000\t0101A8C0\t0003\t0\t0\t700\t00000000\t0\t0\t0\n" +
        "eth0\t00000000\t0100A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n" +
        "eth0\t0000A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n" +
        "wlan0\t00000000\t0102A8C0\t0002\t0\t0\t50\t00000000\t0\t0\t0\n";

    [Fact]
    public void The_default_route_is_the_up_one_with_the_lowest_metric()
    {
        // wlan0 has the lowest metric but is down (flags without RTF_UP); eth0 beats the 4G backup.
        Assert.Equal("eth0", LinuxSysfs.ParseDefaultRouteInterface(Routes));
        Assert.Null(LinuxSysfs.ParseDefaultRouteInterface("Iface\tDestination\n"));
    }

    [Theory]
    [InlineData("eth0", "ethernet")]
    [InlineData("enp3s0", "ethernet")]
    [InlineData("wlan0", "wifi")]
    [InlineData("wlp2s0", "wifi")]
    [InlineData("wwan0", "4g")]
    [InlineData("ppp0", "4g")]
    [InlineData("usb0", "4g")]
    [InlineData("lo", null)]
    [InlineData(null, null)]
    public void The_network_kind_follows_the_interface_name(string? name, string? kind) => Assert.Equal(kind, LinuxSysfs.NetworkKind(name));

    [Fact]
    public void Wireless_signal_is_the_level_column_of_the_interface()
    {
        const string wireless =
            "Inter-| sta-|   Quality        |   Discarded packets               | Missed | WE\n" +
            " face | tus | link level noise |  nwid  crypt   frag  retry   misc | beacon | 22\n" +
            "wlan0: 0000   54.  -56.  -256        0      0      0      0     12        0\n";
        Assert.Equal(-56, LinuxSysfs.ParseWirelessSignal(wireless, "wlan0"));
        Assert.Null(LinuxSysfs.ParseWirelessSignal(wireless, "wlan1"));
    }

    [Fact]
    public void Serials_lose_their_terminators_and_blank_ones_are_unknown()
    {
        Assert.Equal("10000000a3b4c5d6", LinuxSysfs.ParseSerial("10000000a3b4c5d6\0"));
        Assert.Equal("4f1c2e9a", LinuxSysfs.ParseSerial("4f1c2e9a\n"));
        Assert.Null(LinuxSysfs.ParseSerial("\0\n "));
        Assert.Equal(64, LinuxSysfs.ParseSerial(new string('x', 100))!.Length);
    }

    [Fact]
    public void Mains_is_lost_when_no_mains_supply_is_online_and_the_voltage_comes_from_the_battery_then()
    {
        var mainsOff = LinuxSysfs.ParsePowerSupply("Mains\n", "0\n", null, null);
        var battery = LinuxSysfs.ParsePowerSupply("Battery\n", null, "Discharging\n", "12150000\n");
        Assert.Equal((true, 12.15), LinuxSysfs.SummarizePowerSupplies([mainsOff, battery]));

        var mainsOn = LinuxSysfs.ParsePowerSupply("Mains", "1", null, "24050000");
        Assert.Equal((false, 24.05), LinuxSysfs.SummarizePowerSupplies([mainsOn, battery]));

        // A UPS board without a mains entry: a discharging battery means the mains is gone.
        Assert.Equal((true, 12.15), LinuxSysfs.SummarizePowerSupplies([battery]));
        Assert.Equal((false, 12.15), LinuxSysfs.SummarizePowerSupplies([battery with { Status = "Charging" }]));
        Assert.Equal(((bool?)null, (double?)null), LinuxSysfs.SummarizePowerSupplies([]));
    }
}
