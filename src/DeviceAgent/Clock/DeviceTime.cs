namespace InfoRadio.DeviceAgent.Clock;

/// <summary>The device clock as the protocol counts it: unix microseconds.</summary>
internal static class DeviceTime
{
    public static long NowUs(TimeProvider time) => ToUnixUs(time.GetUtcNow());

    public static long ToUnixUs(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
