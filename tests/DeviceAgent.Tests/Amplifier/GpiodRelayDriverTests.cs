using InfoRadio.DeviceAgent.Amplifier;

namespace InfoRadio.DeviceAgent.Tests.Amplifier;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class GpiodRelayDriverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gpiod-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Holds_a_line_with_the_libgpiod_v1_command_line() =>
        Assert.Equal(["--mode=signal", "gpiochip0", "17=1"], GpiodRelayDriver.BuildArguments("gpiochip0", 17, true));

    [Fact]
    public void Each_switching_replaces_the_process_holding_the_line()
    {
        // A stand-in for gpioset: logs its arguments and holds "the line" until it is ended.
        var log = Path.Combine(_dir, "calls.log");
        var script = Path.Combine(_dir, "gpioset");
        File.WriteAllText(script, $"#!/bin/sh\necho \"$@\" >> '{log}'\nexec sleep 30\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using (var driver = new GpiodRelayDriver(script, "gpiochip1", 5, 6, activeLow: true, TimeSpan.FromSeconds(1)))
        {
            driver.Set(Relays.Power, true);
            driver.Set(Relays.Amplifier, true);
            driver.Set(Relays.Power, false);
        }
        Assert.Equal(["--mode=signal gpiochip1 5=0", "--mode=signal gpiochip1 6=0", "--mode=signal gpiochip1 5=1"], File.ReadAllLines(log));
    }

    [Fact]
    public void A_helper_that_exits_at_once_is_a_clear_error()
    {
        var script = Path.Combine(_dir, "gpioset");
        File.WriteAllText(script, "#!/bin/sh\necho 'error setting the GPIO line values: Device or resource busy' >&2\nexit 1\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var driver = new GpiodRelayDriver(script, "gpiochip0", 17, 27, activeLow: false, TimeSpan.FromSeconds(5));
        var error = Assert.Throws<RelayDriverException>(() =>
        {
            driver.Set(Relays.Power, true);
        });
        Assert.Contains("busy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_helper_is_a_clear_error()
    {
        using var driver = new GpiodRelayDriver(Path.Combine(_dir, "no-such-gpioset"), "gpiochip0", 17, 27, activeLow: false);
        var error = Assert.Throws<RelayDriverException>(() => driver.Set(Relays.Power, true));
        Assert.Contains("gpiod", error.Message, StringComparison.Ordinal);
    }
}
