using System.Text.Json.Serialization;

namespace InfoRadio.Protocol.Messages;

[JsonConverter(typeof(StrictEnumConverter<DeviceCommandType>))]
public enum DeviceCommandType
{
    SetVolume,
    TestTone,
    ResyncClock,
    Reboot,
    /// <summary>Silence normal and priority sessions (never an emergency) until <see cref="Unmute"/>.</summary>
    Mute,
    Unmute,
    /// <summary>
    /// Replace the MQTT password with <see cref="DeviceCommand.Secret"/>: store it, then reconnect with it. The old
    /// one stops working once the device has connected with the new one, or after a short grace period.
    /// </summary>
    RotateSecret,
}
