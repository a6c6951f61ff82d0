using System.Text.Json.Serialization;
using InfoRadio.Protocol.Enrollment;

namespace InfoRadio.Protocol.Messages;

/// <summary>
/// Device → controller on <c>enroll/{serial}/req</c> (QoS 1, never retained), from an enrollment session: who the
/// box is and the public key its credentials are to be sealed to. Sent on connect and again every minute or so
/// until an answer with credentials arrives.
/// </summary>
public sealed record EnrollmentRequest : IValidatable
{
    public const int MaxImeiLength = 16;

    // Required on the wire: the source-generated reader would otherwise read a missing "v" as 0, not as the default.
    [JsonRequired]
    public int V { get; init; } = ProtocolVersion.Current;
    /// <summary>The serial printed on the box (case-insensitive; the topic carries it in lower case).</summary>
    public required string Serial { get; init; }
    public required string Firmware { get; init; }
    /// <summary>The 4G modem's IMEI (digits), when the box has one.</summary>
    public string? Imei { get; init; }
    /// <summary>Base64 of the 65-byte uncompressed P-256 point (see <see cref="DeviceKeys"/>).</summary>
    public required string PublicKey { get; init; }
    public required long SentUs { get; init; }

    public string? Validate() => Check.First(
        Check.Version(V),
        EnrollmentIds.CheckSerial(Serial),
        Check.Text(Firmware, 64, "firmware", required: true),
        Imei is null ? null : Imei.Length is >= 1 and <= MaxImeiLength && Imei.All(char.IsAsciiDigit) ? null : $"imei must be 1 to {MaxImeiLength} digits",
        Check.Base64(PublicKey, "publicKey", DeviceKeys.PublicKeyLength),
        Check.Timestamp(SentUs, "sentUs"));
}
