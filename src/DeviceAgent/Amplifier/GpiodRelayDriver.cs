using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace InfoRadio.DeviceAgent.Amplifier;

/// <summary>
/// Relays on GPIO lines of the Linux character device through the libgpiod v1 tools (Debian 12: package
/// <c>gpiod</c> 1.6). A line keeps its level only while a process holds it, so each relay is held by its own
/// <c>gpioset --mode=signal CHIP LINE=VALUE</c> that runs until the next switching ends it and starts
/// the next one. (libgpiod v2's <c>gpioset</c> holds the line by default and takes <c>-c CHIP</c>; see the README.)
/// </summary>
internal sealed class GpiodRelayDriver : IRelayDriver
{
    private readonly string _program;
    private readonly string _chip;
    private readonly int[] _lines;
    private readonly bool _activeLow;
    private readonly Process?[] _holders = new Process?[3];
    private readonly TimeSpan _startCheck;

    /// <param name="startCheck">
    /// How long a new holder must keep running to count as holding the line (gpioset fails within milliseconds
    /// when the line is busy or absent). The switching waits this long.
    /// </param>
    public GpiodRelayDriver(string program, string chip, int powerLine, int amplifierLine, bool activeLow, TimeSpan? startCheck = null)
    {
        _startCheck = startCheck ?? TimeSpan.FromMilliseconds(200);
        _program = program;
        _chip = chip;
        _lines = [0, powerLine, amplifierLine];
        _activeLow = activeLow;
    }

    public string Name => "gpiod";

    /// <summary>The arguments that hold <paramref name="line"/> of <paramref name="chip"/> at <paramref name="level"/>.</summary>
    public static IReadOnlyList<string> BuildArguments(string chip, int line, bool level) =>
        ["--mode=signal", chip, line.ToString(CultureInfo.InvariantCulture) + "=" + (level ? "1" : "0")];

    public void Set(int relay, bool on)
    {
        Relays.CheckNumber(relay);
        Release(relay);
        var start = new ProcessStartInfo(_program) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in BuildArguments(_chip, _lines[relay], on != _activeLow)) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new RelayDriverException($"{_program} did not start");
        }
        catch (Win32Exception ex)
        {
            throw new RelayDriverException($"relay {relay}: {_program} cannot be started ({ex.Message}); install the gpiod package", ex);
        }
        // A holder that exits at once could not request the line (busy, wrong chip or line, no permission).
        if (process.WaitForExit(_startCheck))
        {
            var error = process.StandardError.ReadToEnd().Trim();
            var code = process.ExitCode;
            process.Dispose();
            throw new RelayDriverException($"relay {relay}: {_program} exited with {code}: {error}");
        }
        _holders[relay] = process;
    }

    private void Release(int relay)
    {
        if (_holders[relay] is not { } holder) return;
        _holders[relay] = null;
        try
        {
            if (!holder.HasExited)
            {
                // The kernel releases the line when the process's file descriptor closes, however it ends.
                holder.Kill();
                holder.WaitForExit(TimeSpan.FromSeconds(2));
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
        finally
        {
            holder.Dispose();
        }
    }

    public void Dispose()
    {
        Release(Relays.Power);
        Release(Relays.Amplifier);
    }
}
