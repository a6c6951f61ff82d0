using System.Collections.Concurrent;

namespace InfoRadio.Controller.Messaging;

/// <summary>
/// Lets the first warning of a kind about a source through, then at most one per <see cref="Interval"/>, telling how
/// many were held back in between. A device (or an attacker holding its credentials) sending garbage many times a
/// second is still counted for every message, but cannot flood the log and fill the disk. Thread-safe.
/// </summary>
public sealed class RepeatedWarningGate(TimeProvider time, TimeSpan interval)
{
    /// <summary>Sources remembered at most; past that the oldest windows are forgotten (a source then logs again).</summary>
    public const int MaxSources = 10_000;

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public TimeSpan Interval => interval;

    /// <summary>Sources whose window is remembered now.</summary>
    public int TrackedSources => _windows.Count;

    /// <summary>
    /// True when this warning should be logged now; <paramref name="suppressed"/> is then how many of the same key
    /// were held back since the last one logged.
    /// </summary>
    public bool ShouldLog(string key, out long suppressed)
    {
        var now = time.GetTimestamp();
        var window = _windows.GetOrAdd(key, _ => new Window());
        lock (window)
        {
            if (window.LastLogged is { } last && time.GetElapsedTime(last, now) < interval)
            {
                window.Suppressed++;
                suppressed = 0;
                return false;
            }
            suppressed = window.Suppressed;
            window.Suppressed = 0;
            window.LastLogged = now;
        }
        if (_windows.Count > MaxSources) Trim(now);
        return true;
    }

    private void Trim(long now)
    {
        foreach (var (key, window) in _windows)
        {
            lock (window)
                if (window.LastLogged is { } last && time.GetElapsedTime(last, now) >= interval && window.Suppressed == 0) _windows.TryRemove(key, out _);
        }
    }

    private sealed class Window
    {
        public long? LastLogged;
        public long Suppressed;
    }
}
