using System.Diagnostics;
using InfoRadio.Controller.Broadcasting;

namespace InfoRadio.Controller.SoundCard;

/// <summary>One sound-card session: its broadcast, the arecord process feeding it, and why it is to stop.</summary>
internal sealed class SoundCardCapture(LiveBroadcast live, string title, DateTimeOffset startedAt)
{
    private readonly Lock _gate = new();
    private (string Kind, string? Reason)? _stop;

    public LiveBroadcast Live { get; } = live;
    public string Title { get; } = title;
    public DateTimeOffset StartedAt { get; } = startedAt;
    public Process? Process { get; set; }
    public Task Run { get; set; } = Task.CompletedTask;

    /// <summary>Completes when arecord delivered its first audio.</summary>
    public TaskCompletionSource FirstAudio { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Why the session ended (set when it did).</summary>
    public SoundCardEnd? End { get; set; }

    /// <summary>The first stop asked for wins; null when arecord ended by itself.</summary>
    public (string Kind, string? Reason)? Stop
    {
        get { lock (_gate) return _stop; }
    }

    /// <summary>Asks the session to stop (<paramref name="reason"/> null: on request, a clean end) and kills arecord.</summary>
    public void RequestStop(string kind, string? reason)
    {
        lock (_gate) _stop ??= (kind, reason);
        Kill();
    }

    public void Kill()
    {
        try
        {
            if (Process is { HasExited: false } p) p.Kill();
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Exited meanwhile.
        }
    }
}
