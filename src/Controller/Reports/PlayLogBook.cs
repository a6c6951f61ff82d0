using InfoRadio.Protocol;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Reports;

/// <summary>
/// Pure bookkeeping of the verified play log: turns speakers' play events and presence into <see cref="PlayLogEntry"/>
/// changes. Each method returns the entries that changed (to be stored). Not thread-safe: the recorder serialises calls.
/// </summary>
/// <remarks>
/// Times come from the event's own <c>atUs</c> (the speaker's estimate of the controller's clock when the sample left
/// its sink), so a report queued during a link outage still lands where it happened; an <c>atUs</c> later than its
/// arrival plus <see cref="MaxClockLead"/>, or more than <see cref="MaxEventAge"/> before it, is not believed and
/// the arrival time is used instead. A speaker plays one session at a time, so a play-started of another session
/// ends an open play the speaker never ended (dropped).
/// </remarks>
public sealed class PlayLogBook
{
    public static readonly TimeSpan MaxClockLead = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxEventAge = TimeSpan.FromDays(2);
    /// <summary>How many event ids and ended plays are remembered, to ignore redeliveries and late duplicates.</summary>
    public const int Memory = 20_000;
    /// <summary>An underrun alone changes a stored play at most this often (it also moves where a crash ends the play).</summary>
    public static readonly TimeSpan UnderrunWriteInterval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, PlayLogEntry> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PlayLogEntry> _openByDevice = new(StringComparer.Ordinal);
    private readonly BoundedSet _seenEvents = new(Memory);
    private readonly BoundedSet _ended = new(Memory);

    public int OpenCount => _open.Count;

    /// <summary>Plays still open, e.g. to flush or to close on stop.</summary>
    public IReadOnlyCollection<PlayLogEntry> Open => _open.Values;

    /// <summary>Applies a speaker's event; returns the entries it changed (none for a duplicate or an unrelated event).</summary>
    public IReadOnlyList<PlayLogEntry> Apply(string deviceId, DeviceEvent e, DateTimeOffset receivedAt)
    {
        if (e.Session is not { } session || !_seenEvents.Add(e.Id)) return [];
        var id = PlayLogEntry.IdOf(session, deviceId);
        if (_ended.Contains(id)) return [];
        var at = EventTime(e, receivedAt);
        _open.TryGetValue(id, out var entry);
        if (entry is not null)
        {
            entry.LastEventAt = receivedAt;
            if (e.Underruns is { } u && u > entry.Underruns) entry.Underruns = u;
        }
        switch (e.Type)
        {
            case DeviceEventType.PlayStarted when entry is null:
            {
                var changed = new List<PlayLogEntry>(2);
                if (_openByDevice.TryGetValue(deviceId, out var other))
                    changed.Add(Close(other, PlayEnding.Dropped, at, $"no end reported before session {session} started"));
                changed.Add(Begin(id, deviceId, session, at, receivedAt, e.Underruns ?? 0));
                return changed;
            }
            case DeviceEventType.PlayFinished or DeviceEventType.PlayInterrupted:
            {
                var changed = new List<PlayLogEntry>(2);
                if (entry is null)
                {
                    // The start was missed (e.g. the controller restarted in between): the position says how much sounded.
                    if (_openByDevice.TryGetValue(deviceId, out var other))
                        changed.Add(Close(other, PlayEnding.Dropped, at, $"no end reported before session {session} ended"));
                    var playedUs = (e.Position ?? 0) * 1_000_000L / ProtocolVersion.SampleRate;
                    entry = Begin(id, deviceId, session, at - TimeSpan.FromMicroseconds(playedUs), receivedAt, e.Underruns ?? 0);
                }
                changed.Add(e.Type == DeviceEventType.PlayFinished
                    ? Close(entry, PlayEnding.Finished, at, null)
                    : Close(entry, PlayEnding.Interrupted, at, e.Reason ?? "no reason given"));
                return changed;
            }
            case DeviceEventType.Underrun when entry is not null && receivedAt - entry.LastWrittenEventAt >= UnderrunWriteInterval:
                // A speaker underruns up to once a second: stored at most once a minute, otherwise with the play's next change.
                entry.LastWrittenEventAt = receivedAt;
                return [entry];
            default:
                return [];
        }
    }

    /// <summary>The speaker went offline at <paramref name="at"/>: its open play, if any, is dropped there.</summary>
    public IReadOnlyList<PlayLogEntry> DeviceOffline(string deviceId, DateTimeOffset at) =>
        _openByDevice.TryGetValue(deviceId, out var entry) ? [Close(entry, PlayEnding.Dropped, at, "the speaker went offline")] : [];

    /// <summary>Drops every open play at <paramref name="at"/> (the controller stops: it will not see their end).</summary>
    public IReadOnlyList<PlayLogEntry> CloseAll(DateTimeOffset at, string reason) =>
        _open.Values.ToArray().Select(e => Close(e, PlayEnding.Dropped, at, reason)).ToArray();

    /// <summary>The event's time, or its arrival when the speaker's clock cannot be believed (see the remarks).</summary>
    public static DateTimeOffset EventTime(DeviceEvent e, DateTimeOffset receivedAt)
    {
        var at = DateTimeOffset.UnixEpoch.AddTicks(e.AtUs * 10);
        return at > receivedAt + MaxClockLead || at < receivedAt - MaxEventAge ? receivedAt : at;
    }

    private PlayLogEntry Begin(string id, string deviceId, string session, DateTimeOffset at, DateTimeOffset receivedAt, long underruns)
    {
        var entry = new PlayLogEntry
        {
            Id = id, DeviceId = deviceId, Session = session, StartedAt = at, Ending = PlayEnding.Playing,
            LastEventAt = receivedAt, LastWrittenEventAt = receivedAt, Underruns = underruns,
        };
        _open[id] = entry;
        _openByDevice[deviceId] = entry;
        return entry;
    }

    private PlayLogEntry Close(PlayLogEntry entry, PlayEnding ending, DateTimeOffset at, string? reason)
    {
        entry.Ending = ending;
        entry.EndedAt = at < entry.StartedAt ? entry.StartedAt : at;
        entry.EndReason = reason;
        _open.Remove(entry.Id);
        if (_openByDevice.TryGetValue(entry.DeviceId, out var current) && ReferenceEquals(current, entry)) _openByDevice.Remove(entry.DeviceId);
        _ended.Add(entry.Id);
        return entry;
    }

    /// <summary>A set that forgets its oldest members beyond a capacity.</summary>
    private sealed class BoundedSet(int capacity)
    {
        private readonly HashSet<string> _set = new(StringComparer.Ordinal);
        private readonly Queue<string> _order = new();

        public bool Contains(string item) => _set.Contains(item);

        public bool Add(string item)
        {
            if (!_set.Add(item)) return false;
            _order.Enqueue(item);
            while (_order.Count > capacity) _set.Remove(_order.Dequeue());
            return true;
        }
    }
}
