using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>
/// How a scheduled broadcast airs, beyond an upload's defaults: its rank in the speakers' session ranking, and the
/// controller time (unix µs) of sample 0 (its epoch), so that sample 0 sounds at epoch + latency, the slot's start.
/// The session is announced a start lead before that epoch, not earlier; if opening its audio ends too late for that, the
/// epoch moves to a start lead from then, and <see cref="OnAnnounced"/> tells the caller what was announced.
/// </summary>
public sealed record ScheduledAir(PriorityClass Class, OriginLevel Origin, long? EpochUs = null)
{
    public Action<SessionInfo>? OnAnnounced { get; init; }

    /// <summary>Volume 0–100 the speakers must play it at whatever their own (an emergency's); null: their own.</summary>
    public int? Volume { get; init; }

    /// <summary>Where the broadcast came from (a slot, an emergency); stored on its record for the play log.</summary>
    public BroadcastSource? Source { get; init; }

    /// <summary>The play plan's item id of the slot this session airs (<see cref="SessionInfo.Slot"/>), if it airs one.</summary>
    public string? Slot { get; init; }
}
