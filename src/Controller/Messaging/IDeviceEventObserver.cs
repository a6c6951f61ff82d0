using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Messaging;

/// <summary>
/// Receives every valid play event a device publishes, on the bus's receive loop: keep it quick and hand longer
/// work off. Register any number in DI; one that throws is logged and the others still run.
/// </summary>
public interface IDeviceEventObserver
{
    void OnDeviceEvent(string deviceId, DeviceEvent deviceEvent);
}
