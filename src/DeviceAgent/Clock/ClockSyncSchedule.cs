namespace InfoRadio.DeviceAgent.Clock;

/// <summary>
/// Pure: how long to wait before the next clock request. A burst (after a connect, a resync or a detected clock
/// step) goes first, one request at once and the rest <see cref="ClockSyncSettings.BurstSpacing"/> apart; then the
/// fast pace until the drift has converged (or while a session plays, if so set), then the steady interval.
/// </summary>
internal sealed class ClockSyncSchedule(ClockSyncSettings settings)
{
    private int _burstLeft;
    private bool _burstStarted;

    public ClockSyncSettings Settings => settings;
    public bool InBurst => _burstLeft > 0;

    public void RequestBurst()
    {
        _burstLeft = settings.BurstCount;
        _burstStarted = false;
    }

    /// <summary>Delay before the next request; each call is one request (a burst counts down).</summary>
    public TimeSpan NextDelay(bool driftConverged, bool playing)
    {
        if (_burstLeft > 0)
        {
            _burstLeft--;
            var first = !_burstStarted;
            _burstStarted = true;
            return first ? TimeSpan.Zero : settings.BurstSpacing;
        }
        var fast = !driftConverged || (playing && settings.FastWhilePlaying);
        return fast ? settings.FastInterval : settings.Interval;
    }
}
