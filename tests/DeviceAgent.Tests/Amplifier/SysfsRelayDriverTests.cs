using InfoRadio.DeviceAgent.Amplifier;

namespace InfoRadio.DeviceAgent.Tests.Amplifier;

/// <summary>Against a temporary folder shaped like <c>/sys/class/gpio</c>.</summary>
public sealed class SysfsRelayDriverTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("gpio-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Line(int number, string file) => Path.Combine(_root, "gpio" + number, file);

    private void Exported(int number)
    {
        Directory.CreateDirectory(Path.Combine(_root, "gpio" + number));
        File.WriteAllText(Line(number, "direction"), "in");
        File.WriteAllText(Line(number, "value"), "0");
    }

    [Fact]
    public void Sets_each_line_as_an_output_then_writes_its_value()
    {
        Exported(17);
        Exported(27);
        File.WriteAllText(Path.Combine(_root, "export"), "");
        using var driver = new SysfsRelayDriver(_root, 17, 27, activeLow: false, TimeSpan.FromMilliseconds(100));
        driver.Set(Relays.Power, true);
        Assert.Equal("low", File.ReadAllText(Line(17, "direction")));
        Assert.Equal("1", File.ReadAllText(Line(17, "value")));
        Assert.Equal("0", File.ReadAllText(Line(27, "value")));
        driver.Set(Relays.Amplifier, true);
        driver.Set(Relays.Power, false);
        Assert.Equal("0", File.ReadAllText(Line(17, "value")));
        Assert.Equal("1", File.ReadAllText(Line(27, "value")));
        // Already-exported lines are not exported again.
        Assert.Equal("", File.ReadAllText(Path.Combine(_root, "export")));
    }

    [Fact]
    public void An_active_low_board_gets_inverted_levels_and_starts_high()
    {
        Exported(5);
        Exported(6);
        using var driver = new SysfsRelayDriver(_root, 5, 6, activeLow: true, TimeSpan.FromMilliseconds(100));
        driver.Set(Relays.Amplifier, true);
        Assert.Equal("high", File.ReadAllText(Line(6, "direction")));
        Assert.Equal("0", File.ReadAllText(Line(6, "value")));
        driver.Set(Relays.Amplifier, false);
        Assert.Equal("1", File.ReadAllText(Line(6, "value")));
    }

    [Fact]
    public void Exports_a_line_that_is_not_there_yet()
    {
        var export = Path.Combine(_root, "export");
        File.WriteAllText(export, "");
        using var driver = new SysfsRelayDriver(_root, 22, 23, activeLow: false, TimeSpan.FromSeconds(5));
        // Plays the kernel: the line's folder appears once its number was written to export.
        using var watcher = Task.Run(async () =>
        {
            while (File.ReadAllText(export) != "22") await Task.Delay(5);
            // Whole at once, as the kernel makes it: the driver must not see a half-made folder.
            var staging = Path.Combine(_root, "staging");
            Directory.CreateDirectory(staging);
            File.WriteAllText(Path.Combine(staging, "direction"), "in");
            File.WriteAllText(Path.Combine(staging, "value"), "0");
            Directory.Move(staging, Path.Combine(_root, "gpio22"));
        });
        driver.Set(Relays.Power, true);
        Assert.Equal("1", File.ReadAllText(Line(22, "value")));
        Assert.Equal("low", File.ReadAllText(Line(22, "direction")));
    }

    [Fact]
    public void A_line_that_never_appears_is_a_clear_error()
    {
        File.WriteAllText(Path.Combine(_root, "export"), "");
        using var driver = new SysfsRelayDriver(_root, 40, 41, activeLow: false, TimeSpan.FromMilliseconds(50));
        var error = Assert.Throws<RelayDriverException>(() => driver.Set(Relays.Amplifier, true));
        Assert.Contains("gpio 41 did not appear", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_gpio_folder_is_a_driver_error_not_a_crash()
    {
        using var driver = new SysfsRelayDriver(Path.Combine(_root, "absent"), 1, 2, activeLow: false, TimeSpan.FromMilliseconds(50));
        Assert.Throws<RelayDriverException>(() => driver.Set(Relays.Power, true));
    }
}
