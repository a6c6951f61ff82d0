using System.Text.Json.Serialization;

namespace InfoRadio.Protocol.Messages;

[JsonConverter(typeof(StrictEnumConverter<DeviceCommandType>))]
public enum DeviceCommandType
{
    SetVolume,
    TestTone,
    ResyncClock,
    Reboot,
}
