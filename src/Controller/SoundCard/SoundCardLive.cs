using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Protocol;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.SoundCard;

/// <summary>
/// Live from a sound card of the controller machine (a desk microphone in the commune office): <c>arecord</c> captures
/// 16-bit 48 kHz mono raw audio from <see cref="SoundCardOptions.Device"/> and its output feeds a
/// <see cref="LiveBroadcast"/>, one session at a time. The session ends cleanly on <see cref="StopAsync"/>; arecord
/// dying, a card that goes silent for the live idle timeout, the longest length or the controller stopping end it
/// with the reason, logged and counted (<see cref="LiveCounters.SoundCardEnded"/>).
/// </summary>
public sealed partial class SoundCardLive(
    BroadcastService broadcasts, IOptions<SoundCardOptions> options, IOptions<BroadcastOptions> broadcastOptions, TimeProvider time,
    ILogger<SoundCardLive> logger) : IHostedService
{
    private const int StderrTailChars = 400;

    private readonly SoundCardOptions _options = options.Value;
    private readonly Lock _gate = new();
    private SoundCardCapture? _current;
    private SoundCardEnd? _lastEnd;

    public SoundCardState State
    {
        get
        {
            lock (_gate)
            {
                var c = _current;
                return new SoundCardState(c is not null, _options.Device, c?.Live.Id, c?.Title, c?.StartedAt, SafePid(c?.Process), _lastEnd);
            }
        }
    }

    /// <summary>
    /// Starts a session and arecord, and waits (up to <see cref="SoundCardOptions.StartCheckMs"/>) for its first audio so
    /// that a missing or busy device is reported here rather than a moment later.
    /// </summary>
    /// <exception cref="SoundCardBusyException">A session is on air already.</exception>
    /// <exception cref="SoundCardStartException">arecord could not start or ended at once; the broadcast has ended.</exception>
    /// <exception cref="BroadcastRequestException">Bad title or targets.</exception>
    /// <exception cref="BroadcastCapacityException">Too many live sessions.</exception>
    public async Task<SoundCardState> StartAsync(string title, BroadcastTargets targets, CancellationToken ct = default)
    {
        SoundCardCapture capture;
        lock (_gate)
        {
            if (_current is { } running)
                throw new SoundCardBusyException($"the sound card is on air already (broadcast {running.Live.Id}): stop it first");
            capture = new SoundCardCapture(broadcasts.StartLive(title, targets), title, time.GetUtcNow());
            _current = capture;
        }
        try
        {
            capture.Process = Process.Start(StartInfo()) ?? throw new InvalidOperationException("no process was started");
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            capture.RequestStop("start-failed", $"arecord could not be started ({_options.ArecordPath}): {ex.Message}");
            capture.Run = Task.Run(() => RunAsync(capture));
            await capture.Run;
            throw new SoundCardStartException(capture.End!.Reason!, ex);
        }
        LogStarted(capture.Live.Id, _options.Device, capture.Process.Id);
        capture.Run = Task.Run(() => RunAsync(capture));
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(TimeSpan.FromMilliseconds(_options.StartCheckMs));
        try
        {
            await Task.WhenAny(capture.FirstAudio.Task, capture.Run).WaitAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // No audio yet but arecord runs: the idle watchdog decides later.
        }
        if (capture.Run.IsCompleted && !capture.FirstAudio.Task.IsCompleted)
            throw new SoundCardStartException(capture.End?.Reason ?? "arecord ended before it delivered audio");
        return State;
    }

    /// <summary>Stops the session on air (a clean end); returns false when there was none.</summary>
    public async Task<bool> StopAsync()
    {
        SoundCardCapture? capture;
        lock (_gate) capture = _current;
        if (capture is null) return false;
        capture.RequestStop("stopped", null);
        await capture.Run;
        return true;
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        SoundCardCapture? capture;
        lock (_gate) capture = _current;
        if (capture is null) return;
        capture.RequestStop("shutdown", "the controller is shutting down");
        await capture.Run.WaitAsync(cancellationToken);
    }

    private ProcessStartInfo StartInfo()
    {
        var info = new ProcessStartInfo(_options.ArecordPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var periodFrames = _options.PeriodMs * ProtocolVersion.SampleRate / 1000;
        var bufferFrames = _options.BufferMs * ProtocolVersion.SampleRate / 1000;
        foreach (var arg in new[]
                 {
                     "-D", _options.Device, "-f", "S16_LE", "-r", ProtocolVersion.SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-c", "1", "-t", "raw", "-q", $"--period-size={periodFrames}", $"--buffer-size={bufferFrames}",
                 })
            info.ArgumentList.Add(arg);
        if (!string.IsNullOrWhiteSpace(_options.AlsaConfigPath)) info.Environment["ALSA_CONFIG_PATH"] = _options.AlsaConfigPath;
        return info;
    }

    /// <summary>Reads arecord until it ends or is stopped, feeding the broadcast once it is on air; then ends the session.</summary>
    private async Task RunAsync(SoundCardCapture capture)
    {
        var live = capture.Live;
        var process = capture.Process;
        var stderr = new StringBuilder();
        Task errors = Task.CompletedTask;
        // The controller ends the broadcast itself: it is shutting down, or someone cancelled it (an emergency, the API).
        using var onStopping = live.Stopping.Register(() => capture.RequestStop("cancelled", "the broadcast was ended by the controller"));
        try
        {
            if (process is null) return;
            errors = KeepTailAsync(process.StandardError, stderr);
            var chunk = new byte[_options.PeriodMs * ProtocolVersion.SampleRate / 1000 * 2];
            var idle = TimeSpan.FromMilliseconds(broadcastOptions.Value.LiveInput.IdleTimeoutMs);
            using var watchdog = new CancellationTokenSource();
            var stdout = process.StandardOutput.BaseStream;
            while (capture.Stop is null)
            {
                watchdog.CancelAfter(idle);
                int read;
                try
                {
                    read = await stdout.ReadAtLeastAsync(chunk, chunk.Length, throwOnEndOfStream: false, watchdog.Token);
                }
                catch (OperationCanceledException)
                {
                    capture.RequestStop("idle", $"the sound card delivered no audio for {idle.TotalSeconds:0.#} s");
                    break;
                }
                read -= read % 2;
                if (read == 0) break; // arecord ended
                capture.FirstAudio.TrySetResult();
                if (live.OnAir.IsFaulted)
                {
                    capture.RequestStop("not-announced", "the session could not be announced");
                    break;
                }
                // Before the epoch the speakers have not started: what the card hears then is not part of the session.
                if (!live.OnAir.IsCompletedSuccessfully) continue;
                if (await live.WritePcm16Async(chunk.AsMemory(0, read)) == LivePlacementKind.TooLong)
                {
                    capture.RequestStop("too-long", $"the live session reached its longest length of {broadcastOptions.Value.MaxDurationMinutes} minutes");
                    break;
                }
            }
        }
        catch (IOException ex)
        {
            capture.RequestStop("read-failed", "reading arecord failed: " + ex.Message);
        }
        finally
        {
            await EndAsync(capture, process, errors, stderr);
        }
    }

    private async Task EndAsync(SoundCardCapture capture, Process? process, Task errors, StringBuilder stderr)
    {
        capture.Kill();
        int? exitCode = null;
        if (process is not null)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(wait.Token);
                await errors.WaitAsync(wait.Token);
                exitCode = process.ExitCode;
            }
            catch (OperationCanceledException)
            {
                LogNoExit(capture.Live.Id, SafePid(process));
            }
        }
        var (kind, reason) = capture.Stop ?? ("arecord-exited", ArecordEnded(exitCode, stderr));
        if (capture.Stop is null) LogArecordEnded(capture.Live.Id, reason!);
        else if (reason is not null) LogEndedWithReason(capture.Live.Id, kind, reason);
        await capture.Live.EndAsync(reason);
        process?.Dispose();
        LiveCounters.SoundCardEnded.Add(1, new KeyValuePair<string, object?>("reason", kind));
        var end = new SoundCardEnd(capture.Live.Id, time.GetUtcNow(), kind, reason);
        capture.End = end;
        lock (_gate)
        {
            _lastEnd = end;
            if (_current == capture) _current = null;
        }
    }

    private static string ArecordEnded(int? exitCode, StringBuilder stderr)
    {
        string tail;
        lock (stderr) tail = stderr.ToString().Trim().ReplaceLineEndings(" ");
        var code = exitCode is { } c ? $"exit code {c}" : "no exit code";
        return tail.Length > 0 ? $"arecord ended ({code}): {tail}" : $"arecord ended ({code})";
    }

    /// <summary>Keeps the last lines arecord wrote to stderr: the reason it gives when it fails.</summary>
    private static async Task KeepTailAsync(StreamReader reader, StringBuilder tail)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (tail)
                {
                    tail.AppendLine(line);
                    if (tail.Length > StderrTailChars) tail.Remove(0, tail.Length - StderrTailChars);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
        }
    }

    private static int? SafePid(Process? p)
    {
        try { return p?.Id; }
        catch (InvalidOperationException) { return null; }
    }

    [LoggerMessage(EventId = 420, Level = LogLevel.Information, Message = "Sound card live {Id}: arecord (pid {Pid}) captures from '{Device}'")]
    private partial void LogStarted(string id, string device, int pid);

    [LoggerMessage(EventId = 421, Level = LogLevel.Error, Message = "Sound card live {Id}: {Reason}; the session ends")]
    private partial void LogArecordEnded(string id, string reason);

    [LoggerMessage(EventId = 422, Level = LogLevel.Warning, Message = "Sound card live {Id} ends ({Kind}): {Reason}")]
    private partial void LogEndedWithReason(string id, string kind, string reason);

    [LoggerMessage(EventId = 423, Level = LogLevel.Warning, Message = "Sound card live {Id}: arecord (pid {Pid}) did not exit after it was killed")]
    private partial void LogNoExit(string id, int? pid);
}
