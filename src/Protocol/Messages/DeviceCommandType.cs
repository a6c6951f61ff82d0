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
}
