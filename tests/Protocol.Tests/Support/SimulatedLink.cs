using InfoRadio.Protocol.Clock;

namespace InfoRadio.Protocol.Tests.Support;

/// <summary>
/// Exchanges between a device whose clock reads <c>base + t (1 + deviceRate) + deviceOffset</c> and a controller
/// that reads <c>base + t</c>, over a path with a base delay per direction and exponential jitter. Seeded.
/// </summary>
internal sealed class SimulatedLink(int seed, double deviceRatePpm, double deviceOffsetUs, double upBaseUs, double downBaseUs, double jitterMeanUs)
{
    public const long BaseUs = 1_767_225_600_000_000;

    private readonly Random _random = new(seed);

    public double DeviceRatePpm { get; set; } = deviceRatePpm;
    public double DeviceOffsetUs { get; set; } = deviceOffsetUs;
    public double ControllerStepUs { get; set; }

    /// <summary>Drift of the controller relative to the device, as the model counts it.</summary>
    public double TrueDriftPpm => (1 / (1 + DeviceRatePpm * 1e-6) - 1) * 1e6;

    public long Device(double t) => BaseUs + (long)Math.Round(t * (1 + DeviceRatePpm * 1e-6) + DeviceOffsetUs);
    public long Controller(double t) => BaseUs + (long)Math.Round(t + ControllerStepUs);

    /// <summary>Controller minus device clock at true time <paramref name="t"/>.</summary>
    public double TrueOffsetAt(double t) => Controller(t) - Device(t);

    public double Jitter() => -jitterMeanUs * Math.Log(1 - _random.NextDouble());

    /// <summary>One exchange sent at true time <paramref name="t"/> with the given extra delays on top of base and jitter.</summary>
    public ClockSample Exchange(double t, double extraUpUs = 0, double extraDownUs = 0)
    {
        var up = upBaseUs + Jitter() + extraUpUs;
        var down = downBaseUs + Jitter() + extraDownUs;
        var t1 = Controller(t + up);
        return new ClockSample(Device(t), t1, t1 + 100, Device(t + up + 100 + down));
    }

    /// <summary>Error of <paramref name="model"/> at true time <paramref name="t"/>, µs (estimate minus truth).</summary>
    public double ErrorAt(ClockModel model, double t) => model.ToControllerUs(Device(t)) - Controller(t);
}
