using System.Text.Json.Serialization;
using InfoRadio.Protocol.Enrollment;

namespace InfoRadio.Protocol.Messages;

/// <summary>
/// Controller → device on <c>enroll/{serial}/resp</c> (QoS 1, never retained). <see cref="KeyFingerprint"/> names
/// the key the answer is for: a box whose own key has another fingerprint ignores it (two boxes claiming one serial
/// both see the topic, but only the approved key can open the credentials).
/// </summary>
public sealed record EnrollmentResponse : IValidatable
{
    public const int MaxReasonLength = 200;

    [JsonRequired]
    public int V { get; init; } = ProtocolVersion.Current;
    public required string Serial { get; init; }
    public required EnrollmentStatus Status { get; init; }
    public required string KeyFingerprint { get; init; }
    /// <summary>Only with <see cref="EnrollmentStatus.Approved"/>.</summary>
    public CredentialEnvelope? Credentials { get; init; }
    /// <summary>Only with <see cref="EnrollmentStatus.Rejected"/>, optional.</summary>
    public string? Reason { get; init; }
    public required long SentUs { get; init; }

    public string? Validate() => Check.First(
        Check.Version(V),
        EnrollmentIds.CheckSerial(Serial),
        Check.Defined(Status, "status"),
        Check.Text(KeyFingerprint, 19, "keyFingerprint", required: true),
        Status == EnrollmentStatus.Approved && Credentials is null ? "an approved response carries credentials" : null,
        Status != EnrollmentStatus.Approved && Credentials is not null ? "only an approved response carries credentials" : null,
        Credentials?.Validate(),
        Reason is not null && Status != EnrollmentStatus.Rejected ? "only a rejected response carries a reason" : null,
        Check.Text(Reason, MaxReasonLength, "reason"),
        Check.Timestamp(SentUs, "sentUs"));
}
