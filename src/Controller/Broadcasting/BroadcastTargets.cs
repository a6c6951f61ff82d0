using InfoRadio.Protocol.Topics;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>Who a broadcast is for: every speaker, or a list of device ids.</summary>
public sealed record BroadcastTargets(bool AllDevices, IReadOnlyList<string> DeviceIds)
{
    public static BroadcastTargets All { get; } = new(true, []);

    public static BroadcastTargets Devices(IEnumerable<string> ids) => new(false, ids.Distinct(StringComparer.Ordinal).ToArray());

    /// <summary>
    /// Desired-state topics that reach the targets: one retained zone message for everyone, else one per device,
    /// so that the broker, not the controller, fans a broadcast for all out.
    /// </summary>
    public IReadOnlyList<string> DesiredTopics() => AllDevices
        ? [TopicTree.ZoneDesired(TopicTree.AllZone)]
        : DeviceIds.Select(TopicTree.DeviceDesired).ToArray();
}
