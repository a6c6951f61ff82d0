namespace InfoRadio.Protocol.Topics;

/// <summary>Every topic of the v1 tree. The comment says who publishes it.</summary>
public enum TopicKind
{
    /// <summary>Device → retained reported state; also the device's Last Will (offline).</summary>
    DeviceState,
    /// <summary>Device → periodic telemetry.</summary>
    DeviceTelemetry,
    /// <summary>Device → play events, QoS 1.</summary>
    DeviceEvents,
    /// <summary>Device → clock-sync request.</summary>
    ClockRequest,
    /// <summary>Controller → clock-sync response.</summary>
    ClockResponse,
    /// <summary>Controller → retained desired state of one device.</summary>
    DeviceDesired,
    /// <summary>Controller → commands to one device, QoS 1.</summary>
    DeviceCommands,
    /// <summary>Controller → retained play plan of one device (content to fetch ahead), QoS 1.</summary>
    DevicePlan,
    /// <summary>Controller → retained desired state of a zone (zone <c>all</c> holds every device).</summary>
    ZoneDesired,
    /// <summary>Controller → binary audio packets of one stream, QoS 0.</summary>
    StreamAudio,
    /// <summary>Enrollment session → enrollment request of one serial (QoS 1, never retained).</summary>
    EnrollmentRequest,
    /// <summary>Controller → answer to an enrollment request of one serial (QoS 1, never retained).</summary>
    EnrollmentResponse,
}
