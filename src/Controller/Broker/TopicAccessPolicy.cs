using InfoRadio.Protocol;
using InfoRadio.Protocol.Topics;

namespace InfoRadio.Controller.Broker;

/// <summary>
/// The broker's ACL, pure. The controller may do anything. A device <c>d</c> may publish only to
/// <c>devices/d/state</c> (the one topic it may retain), <c>devices/d/telemetry</c>, <c>devices/d/events</c> and
/// <c>devices/d/clock/req</c>; may subscribe only to <c>devices/d/desired</c>, <c>devices/d/commands</c>,
/// <c>devices/d/clock/resp</c>, <c>devices/d/plan</c>, <c>zones/{z}/desired</c> of a concrete zone and <c>streams/{n}/audio</c> of a
/// concrete stream, never with a wildcard or <c>$</c> topic; and its Last Will must be <c>devices/d/state</c>.
/// An enrollment session of serial <c>s</c> may publish only <c>enroll/s/req</c> (not retained), subscribe only to
/// <c>enroll/s/resp</c>, and may have no Last Will at all.
/// </summary>
public sealed class TopicAccessPolicy
{
    private static readonly AccessDecision ControllerAllowed = AccessDecision.Allow("the controller may use every topic");
    private static readonly AccessDecision OwnTopicAllowed = AccessDecision.Allow("a device's own topic");
    private static readonly AccessDecision ZoneAllowed = AccessDecision.Allow("a zone's desired state");
    private static readonly AccessDecision StreamAllowed = AccessDecision.Allow("a stream's audio");
    private static readonly AccessDecision EnrollmentAllowed = AccessDecision.Allow("the session's own enrollment topic");
    private static readonly AccessDecision WillAllowed = AccessDecision.Allow("the device's own state topic");

    public AccessDecision CanPublish(ClientIdentity who, string topic, bool retain)
    {
        if (who.IsController) return ControllerAllowed;
        if (CheckConcrete(topic, "topic") is { } malformed) return malformed;
        if (who.Role == ClientRole.Enrollment)
        {
            if (!string.Equals(topic, TopicTree.EnrollmentRequest(who.Id), StringComparison.Ordinal))
                return AccessDecision.Deny($"an enrollment session may publish only to '{TopicTree.EnrollmentRequest(who.Id)}'");
            return retain ? AccessDecision.Deny("an enrollment request may not be retained") : EnrollmentAllowed;
        }
        if (!TopicTree.TryParse(topic, out var name))
            return AccessDecision.Deny($"'{topic}' is not a topic of the {TopicTree.Root} tree");
        if (!name.IsDeviceWritable)
            return AccessDecision.Deny($"devices may not publish to {Describe(name.Kind)} topics");
        if (!string.Equals(name.Id, who.Id, StringComparison.Ordinal))
            return AccessDecision.Deny($"'{topic}' belongs to device '{name.Id}', not to '{who.Id}'");
        if (retain && name.Kind != TopicKind.DeviceState)
            return AccessDecision.Deny("only the state topic may be retained");
        return OwnTopicAllowed;
    }

    public AccessDecision CanSubscribe(ClientIdentity who, string filter)
    {
        if (who.IsController) return ControllerAllowed;
        if (CheckConcrete(filter, "filter") is { } malformed) return malformed;
        if (who.Role == ClientRole.Enrollment)
            return string.Equals(filter, TopicTree.EnrollmentResponse(who.Id), StringComparison.Ordinal)
                ? EnrollmentAllowed
                : AccessDecision.Deny($"an enrollment session may subscribe only to '{TopicTree.EnrollmentResponse(who.Id)}'");
        if (!TopicTree.TryParse(filter, out var name))
            return AccessDecision.Deny($"'{filter}' is not a topic of the {TopicTree.Root} tree");
        switch (name.Kind)
        {
            case TopicKind.DeviceDesired or TopicKind.DeviceCommands or TopicKind.ClockResponse or TopicKind.DevicePlan:
                return string.Equals(name.Id, who.Id, StringComparison.Ordinal)
                    ? OwnTopicAllowed
                    : AccessDecision.Deny($"'{filter}' belongs to device '{name.Id}', not to '{who.Id}'");
            case TopicKind.ZoneDesired:
                return ZoneAllowed;
            case TopicKind.StreamAudio:
                // Stream 0 never appears in a session (SessionInfo requires 1 or more).
                return name.Id == "0" ? AccessDecision.Deny("stream ids start at 1") : StreamAllowed;
            default:
                return AccessDecision.Deny($"devices may not subscribe to {Describe(name.Kind)} topics");
        }
    }

    public AccessDecision CanUseWill(ClientIdentity who, string willTopic)
    {
        if (who.IsController) return ControllerAllowed;
        if (who.Role == ClientRole.Enrollment) return AccessDecision.Deny("an enrollment session may not have a Last Will");
        if (!Identifiers.IsValid(who.Id)) return AccessDecision.Deny($"'{who.Id}' is not a valid device id");
        return string.Equals(willTopic, TopicTree.DeviceState(who.Id), StringComparison.Ordinal)
            ? WillAllowed
            : AccessDecision.Deny($"the Last Will must be on '{TopicTree.DeviceState(who.Id)}', not '{willTopic}'");
    }

    /// <summary>Refuses empty topics, wildcards and <c>$</c> topics (broker internals, shared subscriptions).</summary>
    private static AccessDecision? CheckConcrete(string? topic, string what)
    {
        if (string.IsNullOrEmpty(topic)) return AccessDecision.Deny($"empty {what}");
        if (topic[0] == '$') return AccessDecision.Deny($"devices may not use '$' {what}s such as '{topic}'");
        if (topic.AsSpan().IndexOfAny('+', '#') >= 0) return AccessDecision.Deny($"devices may not use wildcards ('{topic}')");
        return null;
    }

    private static string Describe(TopicKind kind) => kind switch
    {
        TopicKind.DeviceState => "state",
        TopicKind.DeviceTelemetry => "telemetry",
        TopicKind.DeviceEvents => "events",
        TopicKind.ClockRequest => "clock request",
        TopicKind.ClockResponse => "clock response",
        TopicKind.DeviceDesired => "desired state",
        TopicKind.DeviceCommands => "command",
        TopicKind.DevicePlan => "play plan",
        TopicKind.ZoneDesired => "zone desired state",
        TopicKind.StreamAudio => "stream audio",
        TopicKind.EnrollmentRequest => "enrollment request",
        TopicKind.EnrollmentResponse => "enrollment response",
        _ => kind.ToString(),
    };
}
