using System.Text.Json.Serialization;

namespace InfoRadio.Protocol.Messages;

[JsonConverter(typeof(StrictEnumConverter<EnrollmentStatus>))]
public enum EnrollmentStatus
{
    /// <summary>Recorded; a technician has not decided yet. The device asks again later.</summary>
    Pending,
    /// <summary>Approved: the response carries the credentials sealed to the device's key.</summary>
    Approved,
    /// <summary>Refused by a technician: the device stops asking (until restarted).</summary>
    Rejected,
}
