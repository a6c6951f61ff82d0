using InfoRadio.Protocol;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Offline;

/// <summary>What to play now: a desired session, or a plan item from the cache (then <see cref="Item"/> is set).</summary>
internal readonly record struct OfflineChoice(SessionInfo? Session, PlanItem? Item);

/// <summary>
/// Pure core of offline play (protocol section 20.3). While the link is up the desired state decides. An item
/// starts from the cache when the link has been down since at or before its start, its content is cached and its
/// airing is not over; once started it keeps playing when the link returns unless a desired session outranks it
/// (<see cref="SessionRanking"/>). A desired session whose <c>slot</c> is an item played (or playing) from the cache
/// is the same airing and is never chosen. Not thread-safe (lives on the agent loop).
/// </summary>
internal sealed class OfflineArbiter
{
    /// <summary>Remembered items played from the cache, so a slot is never aired twice.</summary>
    private const int DoneMemory = 256;

    /// <summary>
    /// How long before its start an item is handed to the playout, so the amplifier relays are on and the first
    /// frames are buffered when its first sample falls due (the playout itself waits for the exact instant).
    /// </summary>
    public const long LeadUs = 2_000_000;

    private readonly Queue<string> _doneOrder = new();
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);

    /// <summary>The item playing from the cache, if any.</summary>
    public PlanItem? Playing { get; private set; }

    /// <param name="linkUp">The MQTT link is up now.</param>
    /// <param name="downSinceUs">Controller time the link went down (null while up; <see cref="long.MinValue"/> when it was never up since start).</param>
    /// <param name="nowUs">Controller time now, as the last clock sync estimates it.</param>
    /// <param name="isCached">Whether an item's content is in the cache.</param>
    /// <param name="desired">Every session the desired state holds.</param>
    public OfflineChoice Decide(bool linkUp, long? downSinceUs, long nowUs, PlayPlan? plan, Func<PlanItem, bool> isCached,
        IEnumerable<SessionInfo> desired)
    {
        // The link came back before the item sounded: the desired state rules this airing after all.
        if (linkUp && Playing is { } early && nowUs < early.StartUs) Playing = null;
        var best = SessionRanking.Choose(desired.Where(s => s.Slot is null || (!_done.Contains(s.Slot) && s.Slot != Playing?.Id)));
        if (Playing is { } playing)
        {
            if (linkUp && best is not null && SessionRanking.Compare(best, AsSession(playing)) > 0)
            {
                Finish(playing.Id);
                return new OfflineChoice(best, null);
            }
            return new OfflineChoice(AsSession(playing), playing);
        }
        if (!linkUp && plan is not null)
        {
            PlanItem? start = null;
            foreach (var item in plan.Items)
            {
                if (item.StartUs - LeadUs > nowUs) break;
                if (_done.Contains(item.Id) || nowUs >= EndUs(item) || (downSinceUs ?? long.MaxValue) > item.StartUs || !isCached(item)) continue;
                if (start is null || SessionRanking.Compare(AsSession(item), AsSession(start)) > 0) start = item;
            }
            if (start is not null)
            {
                Playing = start;
                return new OfflineChoice(AsSession(start), start);
            }
        }
        return new OfflineChoice(best, null);
    }

    /// <summary>The playout finished or interrupted <paramref name="itemId"/>: it is over and never played again.</summary>
    public void Finish(string itemId)
    {
        if (Playing?.Id == itemId) Playing = null;
        if (!_done.Add(itemId)) return;
        _doneOrder.Enqueue(itemId);
        while (_doneOrder.Count > DoneMemory) _done.Remove(_doneOrder.Dequeue());
    }

    public bool IsDone(string itemId) => _done.Contains(itemId);

    /// <summary>Controller time just after the item's last sample.</summary>
    public static long EndUs(PlanItem item) => item.StartUs + item.Content.Samples * 1_000_000 / ProtocolVersion.SampleRate;

    /// <summary>
    /// The item as the session the playout runs (its timeline is set by <see cref="OfflinePlayer"/>); only rank,
    /// volume and id matter to the arbitration.
    /// </summary>
    public static SessionInfo AsSession(PlanItem item) => new()
    {
        Session = item.Id,
        Stream = OfflinePlayer.Stream,
        Priority = item.Priority,
        Origin = item.Origin,
        EpochUs = item.StartUs,
        LatencyMs = 0,
        Volume = item.Volume,
        Title = item.Title,
        Slot = item.Id,
    };
}
