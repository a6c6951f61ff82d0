using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent.Sinks;

/// <summary>
/// Plays through ALSA by piping raw PCM into <c>aplay</c>, one process per session. Writes go through a bounded
/// queue to a writer task, so a stuck pipe never stalls the playout. When aplay is missing or dies the sink
/// reports an error and discards audio (like <see cref="NullSink"/>) instead of failing the agent.
/// </summary>
internal sealed partial class AlsaSink : IAudioSink
{
    /// <summary>About 2 s of the playout's 10 ms writes; beyond that aplay is not reading and audio is dropped.</summary>
    private const int QueueCapacity = 200;

    private readonly string _program;
    private IReadOnlyList<string> _arguments;
    /// <summary>The ALSA device and own buffer when playing through aplay (null for a test program).</summary>
    private readonly string? _device;
    private readonly TimeSpan _ownBuffer;
    private readonly Action<string> _onError;
    private readonly ILogger _logger;
    private Pipe? _pipe;
    private bool _missing;

    public AlsaSink(string device, TimeSpan bufferTime, Action<string> onError, ILogger logger)
        : this("aplay", BuildArguments(device, bufferTime), bufferTime, onError, logger)
    {
        _device = device;
        _ownBuffer = bufferTime;
    }

    /// <summary>Runs <paramref name="program"/> instead of aplay (tests use a shell that captures stdin).</summary>
    internal AlsaSink(string program, IReadOnlyList<string> arguments, TimeSpan outputLatency, Action<string> onError, ILogger logger)
    {
        _program = program;
        _arguments = arguments;
        OutputLatency = outputLatency;
        _onError = onError;
        _logger = logger;
    }

    public string Name => "alsa";
    public TimeSpan OutputLatency { get; private set; }
    public bool IsRealTime => true;

    /// <summary>True while audio is actually going to a player process.</summary>
    public bool IsPlaying => _pipe is { Failed: false };

    public static IReadOnlyList<string> BuildArguments(string device, TimeSpan bufferTime) =>
    [
        "-q", "-t", "raw", "-f", "S16_LE", "-r", "48000", "-c", "1", "-D", device,
        "--buffer-time=" + ((long)bufferTime.TotalMicroseconds).ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>aplay is asked for the buffer when it starts, so a new buffer applies from the next take.</summary>
    public void SetOutputBuffer(TimeSpan? buffer)
    {
        if (_device is null) return;
        var time = buffer ?? _ownBuffer;
        if (time == OutputLatency) return;
        OutputLatency = time;
        _arguments = BuildArguments(_device, time);
    }

    public void Open(string session)
    {
        Close();
        if (_missing) return;
        var start = new ProcessStartInfo(_program)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in _arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{_program} did not start");
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            // Missing stays missing until the agent restarts; reporting it per session would only repeat itself.
            _missing = true;
            Fail($"{_program} cannot be started ({ex.Message}); audio is discarded");
            return;
        }
        var pipe = _pipe = new Pipe(session, Channel.CreateBounded<byte[]>(new BoundedChannelOptions(QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        }));
        process.ErrorDataReceived += (_, e) => pipe.AddStderr(e.Data);
        process.BeginErrorReadLine();
        _ = PumpAsync(process, pipe);
        LogStarted(_logger, _program, process.Id, session);
    }

    public void Write(ReadOnlySpan<short> samples)
    {
        var pipe = _pipe;
        if (pipe is null || pipe.Failed) return;
        if (!pipe.Queue.Writer.TryWrite(MemoryMarshal.AsBytes(samples).ToArray())) LogQueueFull(_logger, pipe.Session);
    }

    public void Close()
    {
        _pipe?.Queue.Writer.TryComplete();
        _pipe = null;
    }

    public void Dispose() => Close();

    private async Task PumpAsync(Process process, Pipe pipe)
    {
        var input = process.StandardInput.BaseStream;
        var session = pipe.Session;
        try
        {
            await foreach (var chunk in pipe.Queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                if (process.HasExited) throw new IOException($"exited with code {process.ExitCode}");
                await input.WriteAsync(chunk).ConfigureAwait(false);
                await input.FlushAsync().ConfigureAwait(false);
            }
            input.Close();
            // aplay drains its buffer, then exits; a player that hangs longer is stopped.
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            if (process.ExitCode != 0) Fail($"{_program} exited with code {process.ExitCode} for session {session}: {pipe.Stderr}");
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            pipe.Failed = true;
            Fail($"{_program} stopped during session {session} ({ex.Message}) {pipe.Stderr}; the rest of the session is discarded");
            while (pipe.Queue.Reader.TryRead(out _))
            {
            }
        }
        finally
        {
            try
            {
                if (!process.HasExited) process.Kill();
            }
            catch (InvalidOperationException)
            {
            }
            process.Dispose();
        }
    }

    private void Fail(string message)
    {
        LogFailed(_logger, message);
        _onError(message);
    }

    /// <summary>One player process: its queue, its failure flag and the last lines it wrote to stderr.</summary>
    private sealed class Pipe(string session, Channel<byte[]> queue)
    {
        private readonly Queue<string> _lines = new();

        public string Session { get; } = session;
        public Channel<byte[]> Queue { get; } = queue;
        public volatile bool Failed;

        public string Stderr
        {
            get
            {
                lock (_lines) return string.Join(" | ", _lines);
            }
        }

        public void AddStderr(string? line)
        {
            if (string.IsNullOrWhiteSpace(line)) return;
            lock (_lines)
            {
                _lines.Enqueue(line);
                if (_lines.Count > 3) _lines.Dequeue();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Started {Program} (pid {Pid}) for session {Session}")]
    private static partial void LogStarted(ILogger logger, string program, int pid, string session);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audio output queue is full for session {Session}; audio dropped")]
    private static partial void LogQueueFull(ILogger logger, string session);

    [LoggerMessage(Level = LogLevel.Error, Message = "ALSA output failed: {Message}")]
    private static partial void LogFailed(ILogger logger, string message);
}
