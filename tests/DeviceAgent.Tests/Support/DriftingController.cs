using InfoRadio.DeviceAgent.Clock;
using InfoRadio.Protocol.Clock;

namespace InfoRadio.DeviceAgent.Tests.Support;

/// <summary>
/// A controller clock that reads <c>device + offset + drift · (device − start)</c>, and feeds a
/// <see cref="ControllerClock"/> exchanges of it: perfect ones (no delay) or over a jittery link.
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

    /// <summary>
    /// An exchange that ends now over a link whose legs each take an exponential delay of mean
    /// <paramref name="jitterUs"/>: the bounds it gives on the offset are loose by those delays, as in the field.
    /// </summary>
    public ClockAddResult Exchange(Random random, double jitterUs)
    {
        var up = -jitterUs * Math.Log(1 - random.NextDouble());
        var down = -jitterUs * Math.Log(1 - random.NextDouble());
        var received = clock.DeviceNowUs;
        var sent = received - (long)Math.Round(up + down);
        var controller = (long)Math.Round(At(sent + up));
        return clock.Add(new ClockSample(sent, controller, controller, received));
    }
}
