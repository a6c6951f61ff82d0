using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Playback;

/// <summary>
/// Something the playout did that the controller must hear about. <see cref="AtUs"/> is the controller-clock
/// estimate of the instant, so reach reports from many devices line up on one time base.
/// </summary>
internal sealed record PlayoutEvent(
    DeviceEventType Type,
    string Session,
    long AtUs,
    ulong Position,
    long? Underruns = null,
    string? Reason = null);
