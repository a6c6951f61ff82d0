using InfoRadio.DeviceAgent.Clock;
using InfoRadio.Protocol.Clock;

namespace InfoRadio.DeviceAgent.Tests.Support;

/// <summary>
/// A controller clock that reads <c>device + offset + drift · (device − start)</c>, and feeds a
/// <see cref="ControllerClock"/> perfect exchanges (no delay) of it.
/// </summary>
internal sealed class DriftingController(ControllerClock clock, long offsetUs, double driftPpm)
{
    private readonly long _startUs = clock.DeviceNowUs;

    public long OffsetUs { get; set; } = offsetUs;
    public double DriftPpm => driftPpm;

    /// <summary>Controller time at device instant <paramref name="deviceUs"/>, with its fraction.</summary>
    public double At(double deviceUs) => deviceUs + OffsetUs + driftPpm * 1e-6 * (deviceUs - _startUs);

    public long NowUs => (long)Math.Round(At(clock.DeviceNowUs));

    public ClockAddResult Exchange()
    {
        var device = clock.DeviceNowUs;
        var controller = (long)Math.Round(At(device));
        return clock.Add(new ClockSample(device, controller, controller, device));
    }
}
