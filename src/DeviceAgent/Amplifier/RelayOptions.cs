namespace InfoRadio.DeviceAgent.Amplifier;

/// <summary>The amplifier relays' wiring, bound from <c>Agent:Relays</c>.</summary>
public sealed class RelayOptions
{
    /// <summary>Driver names accepted by <see cref="Driver"/>.</summary>
    public static readonly IReadOnlyList<string> DriverNames = ["simulated", "sysfs", "gpiod"];

    /// <summary>
    /// <c>simulated</c> (in memory; the default, for development boxes), <c>sysfs</c> (<c>/sys/class/gpio</c>) or
    /// <c>gpiod</c> (libgpiod v1 <c>gpioset</c> on the GPIO character device).
    /// </summary>
    public string Driver { get; set; } = "simulated";

    /// <summary>GPIO line of relay 1 (power): the chip's line offset for gpiod, the global GPIO number for sysfs.</summary>
    public int PowerLine { get; set; } = 17;

    /// <summary>GPIO line of relay 2 (amplifier).</summary>
    public int AmplifierLine { get; set; } = 27;

    /// <summary>The relay board switches on at a low level.</summary>
    public bool ActiveLow { get; set; }

    /// <summary>GPIO chip for gpiod: a name (<c>gpiochip0</c>) or a path (<c>/dev/gpiochip0</c>).</summary>
    public string GpioChip { get; set; } = "gpiochip0";

    /// <summary>The <c>gpioset</c> program (libgpiod v1 command line).</summary>
    public string GpiosetPath { get; set; } = "gpioset";

    /// <summary>Folder of the sysfs GPIO interface.</summary>
    public string SysfsRoot { get; set; } = "/sys/class/gpio";

    /// <summary>Relay delays until the controller pushes a configuration (protocol section 8.7).</summary>
    public int PowerOnDelayMs { get; set; } = 500;
    public int AmplifierOnDelayMs { get; set; } = 200;
    public int AmplifierOffDelayMs { get; set; } = 3_000;
    public int PowerOffDelayMs { get; set; } = 1_000;
}
