using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Playback;

/// <summary>
/// Pure core of "desired state": the latest <see cref="DesiredState"/> per source topic (the device's own topic
/// and each zone), and the one session the device should play over their union. Not thread-safe.
/// </summary>
internal sealed class DesiredStateFollower
{
    private readonly Dictionary<string, DesiredState> _states = new(StringComparer.Ordinal);
    private readonly HashSet<string> _acceptAnyRev = new(StringComparer.Ordinal);
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);

    /// <summary>The session to play now, or null for silence.</summary>
    public SessionInfo? Chosen { get; private set; }

    /// <summary>What the controller announces as scheduled next (the soonest over every source), for status and logs.</summary>
    public NextItem? Next { get; private set; }

    /// <summary>Highest revision applied from any source, for the reported state.</summary>
    public long? HighestRev { get; private set; }

    /// <summary>Copies ignored because an equal or newer revision from the same source was already applied.</summary>
    public long StaleIgnored { get; private set; }

    /// <summary>Applies a desired state from <paramref name="source"/>; false when it is older than the one held.</summary>
    public bool Apply(string source, DesiredState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var fresh = _acceptAnyRev.Remove(source);
        if (!fresh && _states.TryGetValue(source, out var current) && state.Rev < current.Rev)
        {
            StaleIgnored++;
            return false;
        }
        _states[source] = state;
        if (HighestRev is null || state.Rev > HighestRev) HighestRev = state.Rev;
        Recompute();
        return true;
    }

    /// <summary>The source's retained state was deleted: nothing more comes from it.</summary>
    public void Clear(string source)
    {
        _acceptAnyRev.Remove(source);
        if (_states.Remove(source)) Recompute();
    }

    /// <summary>
    /// After a reconnect the broker delivers each source's retained state again. That copy is the truth even if
    /// its revision is lower (the controller may have lost its counter), so the next copy of every source is
    /// accepted whatever its revision. States already held stay in force until then.
    /// </summary>
    public void ExpectFreshCopies(IEnumerable<string> sources)
    {
        foreach (var source in sources) _acceptAnyRev.Add(source);
    }

    /// <summary>The device played this session to its end: it is not chosen again while it stays desired.</summary>
    public void MarkFinished(string session)
    {
        if (_finished.Add(session)) Recompute();
    }

    public IEnumerable<SessionInfo> Sessions => Union();

    /// <summary>The sessions <see cref="Chosen"/> is chosen from: every desired one not yet played to its end.</summary>
    public IEnumerable<SessionInfo> Candidates => Union().Where(s => !_finished.Contains(s.Session));

    private IEnumerable<SessionInfo> Union()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Sorted by source so the union (and so the choice between equal copies) never depends on arrival order.
        foreach (var (_, state) in _states.OrderBy(s => s.Key, StringComparer.Ordinal))
            foreach (var session in state.Sessions)
                if (seen.Add(session.Session)) yield return session;
    }

    private void Recompute()
    {
        var present = new HashSet<string>(Union().Select(s => s.Session), StringComparer.Ordinal);
        // Forget finished sessions the controller removed, so the set stays small over months of uptime.
        _finished.RemoveWhere(s => !present.Contains(s));
        Chosen = SessionRanking.Choose(Candidates);
        Next = _states.Values.Select(s => s.Next).OfType<NextItem>().MinBy(n => n.StartUs);
    }
}
