namespace InfoRadio.DeviceAgent.Playback;

/// <summary>Local sessions: audio that comes from a file on the device rather than from the broker (offline play).</summary>
internal sealed partial class PlayoutEngine
{
    /// <summary>
    /// Makes <paramref name="session"/> the one to play, as <see cref="SetSession"/> does, with bounds known ahead:
    /// nothing before <paramref name="firstAudible"/> sounds (a file's pre-skip) and the session ends at
    /// <paramref name="endPosition"/>. Its frames then come through <see cref="OnPacket"/> like a stream's.
    /// </summary>
    public void PlayLocal(Protocol.Messages.SessionInfo session, ulong firstAudible, ulong endPosition)
    {
        SetSession(session);
        lock (_gate)
        {
            if (_run is not { } run || run.Info.Session != session.Session || run.Started) return;
            run.FirstAudible = firstAudible;
            run.Buffer.MarkEnd(endPosition);
        }
    }
}
