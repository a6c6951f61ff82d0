using System.Runtime.InteropServices;

namespace InfoRadio.Controller.Broker;

/// <summary>
/// Lowers the scheduling priority of the calling thread alone. .NET ignores <c>Thread.Priority</c> on Linux; there
/// the nice value belongs to each thread, and <c>setpriority(PRIO_PROCESS, 0, n)</c> sets the caller's. Raising it
/// back needs privileges, so a thread lowered stays lowered: use it on threads of their own.
/// </summary>
internal static class CurrentThreadNice
{
    private const int PrioProcess = 0;

    /// <summary>True when the calling thread now runs at <paramref name="niceness"/> (1–19); false elsewhere or when refused.</summary>
    public static bool TrySet(int niceness)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(niceness, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(niceness, 19);
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return setpriority(PrioProcess, 0, niceness) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The calling thread's nice value (Linux), or null.</summary>
    public static int? Current()
    {
        if (!OperatingSystem.IsLinux()) return null;
        Marshal.SetLastPInvokeError(0);
        var value = getpriority(PrioProcess, 0);
        return value == -1 && Marshal.GetLastPInvokeError() != 0 ? null : value;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setpriority(int which, uint who, int prio);

    [DllImport("libc", SetLastError = true)]
    private static extern int getpriority(int which, uint who);
}
