using InfoRadio.Protocol.Clock;

namespace InfoRadio.DeviceAgent.Clock;

/// <summary>
/// The controller-clock model as it stood at <see cref="SavedDeviceUs"/> (device clock, unix µs), kept so that an agent
/// restarted while its link is down can still time its cached plan (protocol section 20.3). Pure value.
/// </summary>
internal readonly record struct SavedClockModel(ClockModel Model, long SavedDeviceUs)
{
    /// <summary>
    /// Whether the model may time playout at device instant <paramref name="deviceNowUs"/>: only when the device clock
    /// has moved forward since it was saved, and by no more than <paramref name="maxAge"/> (the drift it carries is
    /// extrapolated over that span, and a box that kept no time over a power cut would be wrong by the whole cut).
    /// </summary>
    public bool IsUsableAt(long deviceNowUs, TimeSpan maxAge, out string? reason)
    {
        var ageUs = deviceNowUs - SavedDeviceUs;
        if (maxAge <= TimeSpan.Zero) reason = "saved clock models are not used (Agent:SavedClockMaxAgeHours is 0)";
        else if (ageUs < 0) reason = $"the device clock is {-ageUs / 1_000_000.0:0.#} s behind the instant the model was saved: it did not keep time";
        else if (ageUs > maxAge.Ticks / 10) reason = $"saved {ageUs / 3_600_000_000.0:0.#} h ago, more than {maxAge.TotalHours:0.#} h";
        else reason = null;
        return reason is null;
    }
}
