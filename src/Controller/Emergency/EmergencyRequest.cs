using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Emergency;

/// <summary>
/// One emergency to air: the message (played after the chime, <paramref name="Repeat"/> times in all), who hears it,
/// the origin level it ranks with, who asked for it, and the CAP alert it comes from, if any.
/// </summary>
public sealed record EmergencyRequest(
    string Title,
    BroadcastTargets Targets,
    ProgramAudio Message,
    OriginLevel Origin = OriginLevel.Commune,
    int Repeat = 1,
    string? RequestedBy = null,
    string? CapIdentifier = null)
{
    /// <summary>
    /// The targets as the requester named them (<c>all</c>, <c>area:…</c>, <c>zone:…</c>, <c>device:…</c>) for the
    /// report; null: described from <see cref="Targets"/>.
    /// </summary>
    public IReadOnlyList<string>? TargetNames { get; init; }
}
