using InfoRadio.DeviceAgent.Clock;
using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent;

/// <summary>
/// The controller-clock model kept across restarts (<see cref="ClockModelFile"/>): restored at start, saved after the
/// first sample of a run, after a clock jump, every <see cref="ClockSaveInterval"/> while samples come, and at stop.
/// </summary>
public sealed partial class SpeakerAgent
{
    /// <summary>Spacing of saves while samples come: a handful of small writes an hour, kind to a box's flash.</summary>
    private static readonly TimeSpan ClockSaveInterval = TimeSpan.FromMinutes(10);

    private readonly ClockModelFile _clockFile;
    /// <summary>When the model was last saved in this run (a <see cref="TimeProvider"/> timestamp); 0: not yet.</summary>
    private long _clockSavedTimestamp;
    private int _clockSaving;
    private readonly Lock _clockSaveGate = new();

    private void RestoreSavedClock()
    {
        var saved = _clockFile.Load(out var problem);
        if (problem is not null) LogSavedClockUnusable(_logger, _clockFile.Path, problem);
        if (saved is not { } model) return;
        if (!model.IsUsableAt(_clock.DeviceNowUs, TimeSpan.FromHours(_options.SavedClockMaxAgeHours), out var reason))
        {
            LogSavedClockUnusable(_logger, _clockFile.Path, reason!);
            return;
        }
        if (_clock.Restore(model.Model))
            LogClockRestored(_logger, (_clock.DeviceNowUs - model.SavedDeviceUs) / 1_000_000, _clock.OffsetUs, model.Model.DriftPpm);
    }

    /// <summary>On the receive path after a clock response: saves on a pool thread when a save is due.</summary>
    private void SaveClockIfDue(ClockResponseOutcome outcome)
    {
        if (outcome is not (ClockResponseOutcome.Accepted or ClockResponseOutcome.Jump)) return;
        var savedAt = Interlocked.Read(ref _clockSavedTimestamp);
        var due = savedAt == 0 || outcome == ClockResponseOutcome.Jump || _time.GetElapsedTime(savedAt) >= ClockSaveInterval;
        if (!due || Interlocked.Exchange(ref _clockSaving, 1) != 0) return;
        _ = Task.Run(() =>
        {
            try { SaveClock(); }
            finally { Volatile.Write(ref _clockSaving, 0); }
        });
    }

    /// <summary>Writes the model in use, if any; a failure is logged, never thrown (the clock goes on without it).</summary>
    private void SaveClock()
    {
        if (_clock.Model is not { } model || !_clock.IsSynchronized) return;
        // The stopping agent's last save may meet one still running on a pool thread: one at a time.
        lock (_clockSaveGate)
        {
            try
            {
                _clockFile.Save(new SavedClockModel(model, _clock.DeviceNowUs));
                Interlocked.Exchange(ref _clockSavedTimestamp, _time.GetTimestamp());
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogClockNotSaved(_logger, _clockFile.Path, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Controller clock restored from the model saved {AgeS} s ago: offset {OffsetUs} µs, drift {DriftPpm:0.000} ppm; it times cached plan items until the first clock sample")]
    private static partial void LogClockRestored(ILogger logger, long ageS, long offsetUs, double driftPpm);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saved clock model {Path} not used: {Reason}")]
    private static partial void LogSavedClockUnusable(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clock model not saved to {Path}: {Reason}")]
    private static partial void LogClockNotSaved(ILogger logger, string path, string reason);
}
