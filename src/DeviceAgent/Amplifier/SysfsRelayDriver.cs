using System.Diagnostics;
using System.Globalization;

namespace InfoRadio.DeviceAgent.Amplifier;

/// <summary>
/// Relays on GPIO lines through the legacy sysfs interface (<c>/sys/class/gpio</c>): the line is exported once
/// (written to <c>export</c>), set as an output, then each switching writes its <c>value</c>. Deprecated by the
/// kernel in favour of the character device, but still the one interface every board kernel of the fleet has.
/// </summary>
internal sealed class SysfsRelayDriver : IRelayDriver
{
    private readonly string _root;
    private readonly int[] _lines;
    private readonly bool _activeLow;
    private readonly TimeSpan _exportWait;
    private readonly bool[] _prepared = new bool[3];

    /// <param name="root">The sysfs GPIO folder (tests pass a temporary tree of the same shape).</param>
    /// <param name="powerLine">GPIO number (global sysfs numbering) of relay 1.</param>
    /// <param name="amplifierLine">GPIO number of relay 2.</param>
    /// <param name="activeLow">The relay board switches on a low level.</param>
    /// <param name="exportWait">How long to wait for the kernel (and udev's permissions) after exporting a line.</param>
    public SysfsRelayDriver(string root, int powerLine, int amplifierLine, bool activeLow, TimeSpan exportWait)
    {
        _root = root;
        _lines = [0, powerLine, amplifierLine];
        _activeLow = activeLow;
        _exportWait = exportWait;
    }

    public string Name => "sysfs";

    public void Set(int relay, bool on)
    {
        Relays.CheckNumber(relay);
        var line = Path.Combine(_root, "gpio" + _lines[relay].ToString(CultureInfo.InvariantCulture));
        try
        {
            if (!_prepared[relay])
            {
                Prepare(relay, line);
                _prepared[relay] = true;
            }
            File.WriteAllText(Path.Combine(line, "value"), on != _activeLow ? "1" : "0");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RelayDriverException($"relay {relay} (gpio {_lines[relay]}): {ex.Message}", ex);
        }
    }

    private void Prepare(int relay, string line)
    {
        var direction = Path.Combine(line, "direction");
        if (!File.Exists(direction))
        {
            File.WriteAllText(Path.Combine(_root, "export"), _lines[relay].ToString(CultureInfo.InvariantCulture));
            // The kernel creates the folder at once, but udev may take a moment to make it writable for us.
            var started = Stopwatch.GetTimestamp();
            while (!File.Exists(direction))
            {
                if (Stopwatch.GetElapsedTime(started) >= _exportWait)
                    throw new RelayDriverException($"relay {relay}: gpio {_lines[relay]} did not appear in {_root} after export");
                Thread.Sleep(10);
            }
        }
        // "low"/"high" set the direction and the initial level at once, so the relay never flickers on.
        File.WriteAllText(direction, _activeLow ? "high" : "low");
    }

    public void Dispose()
    {
    }
}
