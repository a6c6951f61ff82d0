using System.Text.Json.Serialization;

namespace InfoRadio.Protocol.Messages;

/// <summary>Source-generated serializers for every v1 message: camelCase names, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    AllowTrailingCommas = false,
    AllowDuplicateProperties = false,
    MaxDepth = 8)]
[JsonSerializable(typeof(DesiredState))]
[JsonSerializable(typeof(ReportedState))]
[JsonSerializable(typeof(Telemetry))]
[JsonSerializable(typeof(DeviceEvent))]
[JsonSerializable(typeof(DeviceCommand))]
[JsonSerializable(typeof(ClockSyncRequest))]
[JsonSerializable(typeof(ClockSyncResponse))]
[JsonSerializable(typeof(EnrollmentRequest))]
[JsonSerializable(typeof(EnrollmentResponse))]
[JsonSerializable(typeof(EnrolledCredentials))]
[JsonSerializable(typeof(DeviceConfig))]
[JsonSerializable(typeof(PlayPlan))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
