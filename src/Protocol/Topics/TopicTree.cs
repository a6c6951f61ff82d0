using System.Globalization;

namespace InfoRadio.Protocol.Topics;

/// <summary>
/// The v1 topic tree. Builders for every topic, subscription filters for the controller, and a strict parser.
/// <code>
/// inforadio/v1/devices/{device}/state | telemetry | events | clock/req     (device publishes)
/// inforadio/v1/devices/{device}/desired | commands | clock/resp            (controller publishes)
/// inforadio/v1/zones/{zone}/desired                                        (controller publishes)
/// inforadio/v1/streams/{stream}/audio                                      (controller publishes)
/// inforadio/v1/enroll/{serial}/req                                         (enrollment session publishes)
/// inforadio/v1/enroll/{serial}/resp                                        (controller publishes)
/// </code>
/// </summary>
public static class TopicTree
{
    public const string Root = "inforadio/v1";
    public const string AllZone = "all";

    public static string DeviceState(string device) => Device(device, "state");
    public static string DeviceTelemetry(string device) => Device(device, "telemetry");
    public static string DeviceEvents(string device) => Device(device, "events");
    public static string ClockRequest(string device) => Device(device, "clock/req");
    public static string ClockResponse(string device) => Device(device, "clock/resp");
    public static string DeviceDesired(string device) => Device(device, "desired");
    public static string DeviceCommands(string device) => Device(device, "commands");
    public static string DevicePlan(string device) => Device(device, "plan");

    public static string ZoneDesired(string zone)
    {
        RequireId(zone, "zone id");
        return $"{Root}/zones/{zone}/desired";
    }

    /// <summary>Stream 0 is reserved (no audio packet may carry it), so it has no topic either.</summary>
    public static string StreamAudio(uint stream) => stream != 0
        ? $"{Root}/streams/{stream.ToString(CultureInfo.InvariantCulture)}/audio"
        : throw new ArgumentOutOfRangeException(nameof(stream), "stream id 0 is reserved");

    /// <summary>A box without credentials asks to be enrolled here; <paramref name="serial"/> in canonical (lower-case) form.</summary>
    public static string EnrollmentRequest(string serial) => Enroll(serial, "req");

    public static string EnrollmentResponse(string serial) => Enroll(serial, "resp");

    private static string Enroll(string serial, string leaf)
    {
        RequireId(serial, "serial");
        return $"{Root}/enroll/{serial}/{leaf}";
    }

    /// <summary>Filters the controller subscribes to, one per device-written topic kind.</summary>
    public static class Filters
    {
        public const string AllDeviceStates = Root + "/devices/+/state";
        public const string AllDeviceTelemetry = Root + "/devices/+/telemetry";
        public const string AllDeviceEvents = Root + "/devices/+/events";
        public const string AllClockRequests = Root + "/devices/+/clock/req";
        public const string AllEnrollmentRequests = Root + "/enroll/+/req";
    }

    /// <summary>Parses a concrete topic (no wildcards). Returns false for anything outside the v1 tree.</summary>
    public static bool TryParse(string? topic, out TopicName name)
    {
        name = default;
        if (string.IsNullOrEmpty(topic) || !topic.StartsWith(Root + "/", StringComparison.Ordinal)) return false;
        var parts = topic[(Root.Length + 1)..].Split('/');
        if (parts.Length < 3) return false;
        var id = parts[1];
        switch (parts[0])
        {
            case "devices" when Identifiers.IsValid(id):
                TopicKind? kind = (parts.Length, parts[2], parts.Length == 4 ? parts[3] : null) switch
                {
                    (3, "state", _) => TopicKind.DeviceState,
                    (3, "telemetry", _) => TopicKind.DeviceTelemetry,
                    (3, "events", _) => TopicKind.DeviceEvents,
                    (3, "desired", _) => TopicKind.DeviceDesired,
                    (3, "commands", _) => TopicKind.DeviceCommands,
                    (3, "plan", _) => TopicKind.DevicePlan,
                    (4, "clock", "req") => TopicKind.ClockRequest,
                    (4, "clock", "resp") => TopicKind.ClockResponse,
                    _ => null,
                };
                if (kind is null) return false;
                name = new TopicName(kind.Value, id);
                return true;
            case "zones" when parts.Length == 3 && parts[2] == "desired" && Identifiers.IsValid(id):
                name = new TopicName(TopicKind.ZoneDesired, id);
                return true;
            case "enroll" when parts.Length == 3 && parts[2] is "req" or "resp" && Identifiers.IsValid(id):
                name = new TopicName(parts[2] == "req" ? TopicKind.EnrollmentRequest : TopicKind.EnrollmentResponse, id);
                return true;
            case "streams" when parts.Length == 3 && parts[2] == "audio" && IsCanonicalStreamId(id):
                name = new TopicName(TopicKind.StreamAudio, id);
                return true;
            default:
                return false;
        }
    }

    private static bool IsCanonicalStreamId(string id) =>
        uint.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
        && value != 0 && value.ToString(CultureInfo.InvariantCulture) == id;

    private static string Device(string device, string leaf)
    {
        RequireId(device, "device id");
        return $"{Root}/devices/{device}/{leaf}";
    }

    private static void RequireId(string id, string what)
    {
        if (Identifiers.Check(id, what) is { } reason) throw new ArgumentException(reason, nameof(id));
    }
}
