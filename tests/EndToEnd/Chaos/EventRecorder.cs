using System.Collections.Concurrent;
using InfoRadio.Controller.Messaging;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.EndToEnd.Tests.Chaos;

/// <summary>Every device event the controller's bus hands to its observers (after its duplicate check), in order.</summary>
public sealed class EventRecorder : IDeviceEventObserver
{
    private readonly ConcurrentQueue<(string DeviceId, DeviceEvent Event)> _events = new();

    public void OnDeviceEvent(string deviceId, DeviceEvent deviceEvent) => _events.Enqueue((deviceId, deviceEvent));

    public IReadOnlyList<DeviceEvent> Of(string deviceId) => _events.Where(e => e.DeviceId == deviceId).Select(e => e.Event).ToList();
}
