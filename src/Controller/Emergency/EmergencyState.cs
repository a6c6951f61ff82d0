using System.Text.Json.Serialization;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Emergency;

[JsonConverter(typeof(StrictEnumConverter<EmergencyState>))]
public enum EmergencyState
{
    /// <summary>On air, or waiting for speakers to come back within the retry window.</summary>
    Active,
    /// <summary>Over: every speaker played it, or the airing and its retry window ended.</summary>
    Ended,
    /// <summary>Stopped by a person (or a CAP Cancel).</summary>
    Cancelled,
}

/// <summary>Where one speaker stands in an emergency.</summary>
[JsonConverter(typeof(StrictEnumConverter<EmergencyDeviceStatus>))]
public enum EmergencyDeviceStatus
{
    /// <summary>Offline at the request and not back yet.</summary>
    Offline,
    /// <summary>Sent to it; it has not started playing yet.</summary>
    Pending,
    /// <summary>Reached: it is playing the emergency.</summary>
    Playing,
    /// <summary>It played the emergency to the end.</summary>
    Finished,
    /// <summary>It went offline before finishing; retried if it comes back in time.</summary>
    Dropped,
    /// <summary>Its airing failed (interrupted, no report, cancelled); see the reason.</summary>
    Failed,
}
