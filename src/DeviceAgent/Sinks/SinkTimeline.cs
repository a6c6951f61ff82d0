namespace InfoRadio.DeviceAgent.Sinks;

/// <summary>
/// Where a take sits in time: its first sample carries stream position <see cref="Position"/> and sounds at device
/// time <see cref="DeviceUs"/> (the device clock of <c>ControllerClock</c>, unix µs); sample k then sounds k / 48 kHz
/// of the device clock later. <see cref="ControllerUs"/> is the agent's estimate of the controller's clock at that
/// instant, from the clock model (<see cref="OffsetUs"/>, <see cref="DriftPpm"/>) in use when the take opened.
/// A real-time sink is given where the take would start if opening took no time; the playout then places the
/// start at the first write, right after opening (a player process may take a moment to start).
/// </summary>
internal readonly record struct SinkTimeline(ulong Position, long DeviceUs, long ControllerUs, double OffsetUs, double DriftPpm);
