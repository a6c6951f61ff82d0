using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.DeviceSettings;

/// <summary>What the desired-state publisher asks when it builds a device's topic.</summary>
public interface IDeviceConfigSource
{
    /// <summary>The device's stored settings to push, or null when nobody set any (the device keeps its own).</summary>
    DeviceConfig? ConfigFor(string deviceId);
}
