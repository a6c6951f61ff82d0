using System.Globalization;
using InfoRadio.DeviceAgent.Clock;

namespace InfoRadio.DeviceAgent.Sinks;

/// <summary>
/// Wraps a sink and writes, per session, a sidecar <c>{session}.timing.csv</c> (a session played again gets
/// <c>{session}.2.timing.csv</c>, like the WAV sink's takes) with one line per write block:
/// <c>index,count,unixUs</c> — the block's first sample as an index into the session's output (the sample index in
/// the WAV file), its length, and the device's wall clock (unix µs) when the block left for the sink. Benchmarks use
/// it to measure end-to-end latency; it costs one short buffered line per 20 ms, and is off unless
/// <c>Agent:SinkTimingLog</c> is true.
/// </summary>
internal sealed class TimingLogSink(IAudioSink inner, string directory, TimeProvider time, Action<string>? onError = null) : IAudioSink
{
    public const string Header = "index,count,unixUs";

    private readonly Dictionary<string, int> _takes = new(StringComparer.Ordinal);
    private StreamWriter? _log;
    private long _index;

    public string Name => inner.Name;
    public TimeSpan OutputLatency => inner.OutputLatency;
    public bool IsRealTime => inner.IsRealTime;

    /// <summary>Path of the log being written, or of the last one closed.</summary>
    public string? CurrentPath { get; private set; }

    public static string FileName(string session, int take) =>
        take == 1 ? $"{session}.timing.csv" : $"{session}.{take}.timing.csv";

    public void SetOutputBuffer(TimeSpan? buffer) => inner.SetOutputBuffer(buffer);

    public void Open(string session)
    {
        CloseLog();
        inner.Open(session);
        var take = _takes[session] = _takes.GetValueOrDefault(session) + 1;
        try
        {
            Directory.CreateDirectory(directory);
            CurrentPath = Path.Combine(directory, FileName(session, take));
            _log = new StreamWriter(CurrentPath, append: false) { AutoFlush = false };
            _log.WriteLine(FormattableString.Invariant(
                $"# session={session} sink={inner.Name} outputLatencyUs={(long)inner.OutputLatency.TotalMicroseconds}"));
            _log.WriteLine(Header);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log = null;
            onError?.Invoke($"cannot write the sink timing log in {directory}: {ex.Message}");
        }
    }

    public void Write(ReadOnlySpan<short> samples)
    {
        // Stamped before the inner write: the instant the block is handed over, not when a slow disk let go of it.
        var at = DeviceTime.NowUs(time);
        inner.Write(samples);
        if (_log is null) return;
        try
        {
            _log.Write(_index.ToString(CultureInfo.InvariantCulture));
            _log.Write(',');
            _log.Write(samples.Length.ToString(CultureInfo.InvariantCulture));
            _log.Write(',');
            _log.WriteLine(at.ToString(CultureInfo.InvariantCulture));
        }
        catch (IOException ex)
        {
            onError?.Invoke($"writing {CurrentPath} failed: {ex.Message}");
            CloseLog();
        }
        finally
        {
            _index += samples.Length;
        }
    }

    public void Close()
    {
        inner.Close();
        CloseLog();
    }

    public void Dispose()
    {
        inner.Dispose();
        CloseLog();
    }

    private void CloseLog()
    {
        try
        {
            _log?.Dispose();
        }
        catch (IOException ex)
        {
            onError?.Invoke($"closing {CurrentPath} failed: {ex.Message}");
        }
        _log = null;
        _index = 0;
    }
}
