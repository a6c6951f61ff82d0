namespace InfoRadio.Protocol.Clock;

/// <summary>
/// One completed NTP-style exchange: T0 device send, T1 controller receive, T2 controller send, T3 device
/// receive (µs). Offset is controller minus device clock, assuming a symmetric path.
/// </summary>
public readonly record struct ClockSample(long T0Us, long T1Us, long T2Us, long T3Us)
{
    /// <summary>Round-trip time on the network, excluding the controller's processing time.</summary>
    public long RoundTripUs => (T3Us - T0Us) - (T2Us - T1Us);

    /// <summary>Controller clock minus device clock.</summary>
    public long OffsetUs => ((T1Us - T0Us) + (T2Us - T3Us)) / 2;

    /// <summary>Midpoint of the exchange on the device clock: the instant the offset best describes.</summary>
    public long DeviceMidpointUs => T0Us + (T3Us - T0Us) / 2;

    /// <summary>Rejects samples no real exchange can produce (negative round trip, reply before request).</summary>
    public bool IsPlausible => T3Us >= T0Us && T2Us >= T1Us && RoundTripUs >= 0;
}
