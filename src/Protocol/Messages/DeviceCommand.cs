using System.Text.Json.Serialization;

namespace InfoRadio.Protocol.Messages;

/// <summary>A one-shot instruction on <c>devices/{id}/commands</c> (QoS 1, never retained).</summary>
public sealed record DeviceCommand : IValidatable
{
    // Required on the wire: the source-generated reader would otherwise read a missing "v" as 0, not as the default.
    [JsonRequired]
    public int V { get; init; } = ProtocolVersion.Current;
    public required string Id { get; init; }
    public required DeviceCommandType Type { get; init; }
    public required long IssuedUs { get; init; }
    /// <summary>For <see cref="DeviceCommandType.SetVolume"/>: 0–100.</summary>
    public int? Volume { get; init; }
    /// <summary>For <see cref="DeviceCommandType.RotateSecret"/>: the new MQTT password.</summary>
    public string? Secret { get; init; }

    public string? Validate() => Check.First(
        Check.Version(V),
        Identifiers.Check(Id, "id"),
        Check.Defined(Type, "type"),
        Check.Timestamp(IssuedUs, "issuedUs"),
        Type == DeviceCommandType.SetVolume && Volume is null ? "set-volume needs volume" : null,
        Volume is { } v ? Check.Range(v, 0, 100, "volume") : null,
        Type == DeviceCommandType.RotateSecret ? EnrolledCredentials.CheckSecret(Secret, "secret") : null,
        Type != DeviceCommandType.RotateSecret && Secret is not null ? "only rotate-secret carries a secret" : null);

    // Keep a rotated secret out of logs that print the command.
    public override string ToString() =>
        $"DeviceCommand {{ Id = {Id}, Type = {Type}, IssuedUs = {IssuedUs}, Volume = {Volume}, Secret = {(Secret is null ? "null" : "***")} }}";
}
