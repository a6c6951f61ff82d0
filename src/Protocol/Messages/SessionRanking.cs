namespace InfoRadio.Protocol.Messages;

/// <summary>
/// Which of several sessions a device plays: higher class first, then higher origin, then the session that
/// started first (the one already on air keeps it), then the session id so every device picks the same one.
/// </summary>
public static class SessionRanking
{
    public static SessionInfo? Choose(IEnumerable<SessionInfo> sessions)
    {
        SessionInfo? best = null;
        foreach (var s in sessions)
            if (best is null || Compare(s, best) > 0) best = s;
        return best;
    }

    /// <summary>Positive when <paramref name="a"/> outranks <paramref name="b"/>.</summary>
    public static int Compare(SessionInfo a, SessionInfo b)
    {
        var c = a.Priority.CompareTo(b.Priority);
        if (c != 0) return c;
        c = a.Origin.CompareTo(b.Origin);
        if (c != 0) return c;
        c = b.EpochUs.CompareTo(a.EpochUs);
        if (c != 0) return c;
        return string.CompareOrdinal(b.Session, a.Session);
    }
}
