using System.Globalization;

namespace InfoRadio.Protocol.Topics;

/// <summary>A parsed topic of the v1 tree: its kind and the id it names (device, zone, stream or enrolling serial).</summary>
public readonly record struct TopicName(TopicKind Kind, string Id)
{
    public override string ToString() => Kind switch
    {
        TopicKind.DeviceState => TopicTree.DeviceState(Id),
        TopicKind.DeviceTelemetry => TopicTree.DeviceTelemetry(Id),
        TopicKind.DeviceEvents => TopicTree.DeviceEvents(Id),
        TopicKind.ClockRequest => TopicTree.ClockRequest(Id),
        TopicKind.ClockResponse => TopicTree.ClockResponse(Id),
        TopicKind.DeviceDesired => TopicTree.DeviceDesired(Id),
        TopicKind.DeviceCommands => TopicTree.DeviceCommands(Id),
        TopicKind.DevicePlan => TopicTree.DevicePlan(Id),
        TopicKind.ZoneDesired => TopicTree.ZoneDesired(Id),
        TopicKind.EnrollmentRequest => TopicTree.EnrollmentRequest(Id),
        TopicKind.EnrollmentResponse => TopicTree.EnrollmentResponse(Id),
        TopicKind.StreamAudio => TopicTree.StreamAudio(uint.Parse(Id, CultureInfo.InvariantCulture)),
        _ => throw new InvalidOperationException($"unknown topic kind {Kind}"),
    };

    /// <summary>True for the topics a device itself publishes.</summary>
    public bool IsDeviceWritable => Kind is TopicKind.DeviceState or TopicKind.DeviceTelemetry
        or TopicKind.DeviceEvents or TopicKind.ClockRequest;
}
