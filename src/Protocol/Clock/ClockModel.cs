namespace InfoRadio.Protocol.Clock;

/// <summary>
/// Controller clock as a straight line of the device clock: <c>controller = device + offset(device)</c> with
/// <c>offset(d) = OffsetUs + DriftPpm · 10⁻⁶ · (d − ReferenceDeviceUs)</c>. A positive drift means the controller's
/// clock runs faster than the device's. Pure value; every instant is unix µs.
/// </summary>
public readonly record struct ClockModel(long ReferenceDeviceUs, double OffsetUs, double DriftPpm)
{
    /// <summary>Controller minus device clock at device instant <paramref name="deviceUs"/>, µs.</summary>
    public double OffsetAt(long deviceUs) => OffsetUs + DriftPpm * 1e-6 * (deviceUs - ReferenceDeviceUs);

    public long ToControllerUs(long deviceUs) => deviceUs + (long)Math.Round(OffsetAt(deviceUs));

    /// <summary>The device instant at which the controller's clock reads <paramref name="controllerUs"/>.</summary>
    public long ToDeviceUs(long controllerUs)
    {
        // controller = d + OffsetUs + drift (d − ref)  ⇒  d − ref = (controller − ref − OffsetUs) / (1 + drift).
        var relative = (controllerUs - ReferenceDeviceUs) - OffsetUs;
        return ReferenceDeviceUs + (long)Math.Round(relative / (1 + DriftPpm * 1e-6));
    }

    /// <summary>
    /// Controller time at device instant <paramref name="deviceUs"/> minus <paramref name="sinceControllerUs"/>,
    /// µs with its fraction: what a playout needs to place samples to well under one sample period.
    /// </summary>
    public double ControllerElapsedUs(long deviceUs, long sinceControllerUs) => (deviceUs - sinceControllerUs) + OffsetAt(deviceUs);
}
