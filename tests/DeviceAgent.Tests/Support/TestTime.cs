using InfoRadio.DeviceAgent.Clock;
using InfoRadio.Protocol.Clock;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.DeviceAgent.Tests.Support;

internal static class TestTime
{
    /// <summary>A start inside the protocol's plausible range (the fake's default, 2000, is not).</summary>
    public static FakeTimeProvider NewFake() => new(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero));

    /// <summary>Feeds <paramref name="clock"/> one perfect exchange: controller = device + offset.</summary>
    public static void Synchronize(ControllerClock clock, long offsetUs)
    {
        var device = clock.DeviceNowUs;
        clock.Add(new ClockSample(device, device + offsetUs, device + offsetUs, device));
    }
}
