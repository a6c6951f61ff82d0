using System.Collections.Concurrent;
using InfoRadio.Controller.Messaging;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Tests.Messaging;

public sealed class RecordingObserver : IDeviceEventObserver
{
    private readonly ConcurrentQueue<(string DeviceId, DeviceEvent Event)> _events = new();

    public IReadOnlyList<(string DeviceId, DeviceEvent Event)> Events => _events.ToArray();

    public void OnDeviceEvent(string deviceId, DeviceEvent deviceEvent) => _events.Enqueue((deviceId, deviceEvent));
}

public sealed class ThrowingObserver : IDeviceEventObserver
{
    public int Calls;

    public void OnDeviceEvent(string deviceId, DeviceEvent deviceEvent)
    {
        Interlocked.Increment(ref Calls);
        throw new InvalidOperationException("observer failure on purpose");
    }
}
