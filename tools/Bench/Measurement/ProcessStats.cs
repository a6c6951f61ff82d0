using System.Globalization;
using System.Runtime.InteropServices;

namespace InfoRadio.Bench.Measurement;

/// <summary>One reading of another process's resident memory and CPU time from Linux's /proc.</summary>
/// <param name="RssBytes">VmRSS: resident set size now.</param>
/// <param name="PeakRssBytes">VmHWM: the highest resident set size since the process started.</param>
/// <param name="Cpu">utime + stime: CPU time used so far, all threads.</param>
/// <param name="Threads">Threads of the process now.</param>
/// <param name="AnonBytes">RssAnon: the resident part that is the process's own memory (heaps, JIT code).</param>
/// <param name="FileBytes">RssFile: the resident part mapped from files (runtime, assemblies), shared with other processes.</param>
/// <param name="ShmemBytes">RssShmem: resident shared memory (the runtime's double-mapped JIT code when W^X is on).</param>
public readonly record struct ProcessStats(long RssBytes, long PeakRssBytes, TimeSpan Cpu, int Threads, long AnonBytes, long FileBytes, long ShmemBytes)
{
    private const int ScClkTck = 2;
    private static readonly long TicksPerSecond = SysConf(ScClkTck) is > 0 and var t ? t : 100;

    /// <summary>Null when the process is gone.</summary>
    public static ProcessStats? Read(int pid)
    {
        try
        {
            long rss = 0, hwm = 0, anon = 0, file = 0, shmem = 0;
            var threads = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kilobytes(line);
                else if (line.StartsWith("RssAnon:", StringComparison.Ordinal)) anon = Kilobytes(line);
                else if (line.StartsWith("RssFile:", StringComparison.Ordinal)) file = Kilobytes(line);
                else if (line.StartsWith("RssShmem:", StringComparison.Ordinal)) shmem = Kilobytes(line);
                else if (line.StartsWith("Threads:", StringComparison.Ordinal)) threads = int.Parse(line[8..].Trim(), CultureInfo.InvariantCulture);
            }
            // The command name (field 2) may hold spaces and parentheses: fields are counted after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return new ProcessStats(rss, hwm, TimeSpan.FromSeconds((double)ticks / TicksPerSecond), threads, anon, file, shmem);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Proportional set size (smaps_rollup Pss): the resident pages with those shared with other processes (the .NET
    /// runtime's files) divided among their sharers. Null when the process is gone.
    /// </summary>
    public static long? ReadPss(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
                if (line.StartsWith("Pss:", StringComparison.Ordinal)) return Kilobytes(line);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public string Breakdown(double unit) => FormattableString.Invariant(
        $"anon {AnonBytes / unit:0.0} + file {FileBytes / unit:0.0} + shmem {ShmemBytes / unit:0.0}");

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long SysConf(int name);
}
