using System.Runtime.InteropServices;

namespace InfoRadio.Bench.Measurement;

/// <summary>
/// CPU time as Linux accounts it, so that a figure means "on one core" whatever else the machine is doing: the
/// calling thread's own time, and the user+system time of this process's finished (and reaped) children.
/// </summary>
public static class CpuTime
{
    private const int ClockThreadCpuTimeId = 3;
    private const int RusageChildren = -1;

    /// <summary>CPU time the calling thread has used.</summary>
    public static TimeSpan CurrentThread()
    {
        if (ClockGettime(ClockThreadCpuTimeId, out var ts) != 0) throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        return TimeSpan.FromTicks(ts.Seconds * TimeSpan.TicksPerSecond + ts.Nanoseconds / 100);
    }

    /// <summary>User + system time of every child process that has exited and been waited for.</summary>
    public static TimeSpan FinishedChildren()
    {
        if (GetRusage(RusageChildren, out var usage) != 0) throw new InvalidOperationException("getrusage(RUSAGE_CHILDREN) failed");
        return TimeSpan.FromTicks((usage.UserSeconds + usage.SystemSeconds) * TimeSpan.TicksPerSecond
            + (usage.UserMicroseconds + usage.SystemMicroseconds) * 10);
    }

    /// <summary>Runs <paramref name="work"/> on a thread of its own and returns the CPU time that thread used.</summary>
    public static TimeSpan OfWorkOnOwnThread(Action work)
    {
        var used = TimeSpan.Zero;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var start = CurrentThread();
                work();
                used = CurrentThread() - start;
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }) { IsBackground = true, Name = "measured" };
        thread.Start();
        thread.Join();
        if (failure is not null) throw new InvalidOperationException("measured work failed", failure);
        return used;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>struct rusage of x86-64/arm64 Linux: two timevals, then 14 longs this class does not read.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)]
        public long[] Rest;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGettime(int clockId, out Timespec time);

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, out Rusage usage);
}
