namespace InfoRadio.DeviceAgent.Telemetry;

/// <summary>Seconds of session audio played on the device's local calendar day (telemetry's playSecondsToday).</summary>
internal sealed class PlayTimeCounter
{
    private DateOnly _day;
    private long _samples;

    public void Add(long samples, DateTimeOffset localNow)
    {
        Roll(localNow);
        _samples += samples;
    }

    public long SecondsToday(DateTimeOffset localNow, int sampleRate)
    {
        Roll(localNow);
        return _samples / sampleRate;
    }

    private void Roll(DateTimeOffset localNow)
    {
        var day = DateOnly.FromDateTime(localNow.DateTime);
        if (day == _day) return;
        _day = day;
        _samples = 0;
    }
}
