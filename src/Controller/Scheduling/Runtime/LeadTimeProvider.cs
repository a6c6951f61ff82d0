namespace InfoRadio.Controller.Scheduling.Runtime;

/// <summary>
/// A clock running a fixed lead ahead of the real one: the planner ticked on it takes slots up that long before
/// they start, so that they can be prepared and announced to sound exactly on time.
/// </summary>
internal sealed class LeadTimeProvider(TimeProvider inner, TimeSpan lead) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + lead;
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
    public override long GetTimestamp() => inner.GetTimestamp();
    public override long TimestampFrequency => inner.TimestampFrequency;
}
