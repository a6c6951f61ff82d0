using System.Diagnostics.Metrics;

namespace InfoRadio.Controller.Alarms;

/// <summary>
/// What the alarm service did since start (per instance, for the API and tests), also published on the
/// <c>InfoRadio.Controller.Alarms</c> meter with the alarm kind as a tag. Thread-safe, lock-free.
/// </summary>
public sealed class AlarmCounters
{
    private static readonly Meter Meter = new("InfoRadio.Controller.Alarms");
    private static readonly Counter<long> RaisedByKind = Meter.CreateCounter<long>("inforadio.alarms.raised");
    private static readonly Counter<long> ClearedByKind = Meter.CreateCounter<long>("inforadio.alarms.cleared");

    private long _raised;
    private long _cleared;
    private long _telemetryEvaluated;
    private long _offlineChecks;
    private long _storeFailures;
    private long _storeWrites;

    public long Raised => Interlocked.Read(ref _raised);
    public long Cleared => Interlocked.Read(ref _cleared);
    /// <summary>Telemetry reports run through the rules (each is cheap: no database work unless an alarm changes).</summary>
    public long TelemetryEvaluated => Interlocked.Read(ref _telemetryEvaluated);
    public long OfflineChecks => Interlocked.Read(ref _offlineChecks);
    /// <summary>Alarm changes that could not be written to the database (kept in memory, retried at the next change).</summary>
    public long StoreFailures => Interlocked.Read(ref _storeFailures);

    /// <summary>Alarm records written (raise, clear, acknowledge): how a test sees that a repeated report wrote nothing.</summary>
    public long StoreWrites => Interlocked.Read(ref _storeWrites);

    internal void CountStoreWrite() => Interlocked.Increment(ref _storeWrites);
    internal void CountRaised(string kind)
    {
        Interlocked.Increment(ref _raised);
        RaisedByKind.Add(1, new KeyValuePair<string, object?>("kind", kind));
    }

    internal void CountCleared(string kind)
    {
        Interlocked.Increment(ref _cleared);
        ClearedByKind.Add(1, new KeyValuePair<string, object?>("kind", kind));
    }
    internal void CountTelemetryEvaluated() => Interlocked.Increment(ref _telemetryEvaluated);
    internal void CountOfflineCheck() => Interlocked.Increment(ref _offlineChecks);
    internal void CountStoreFailure() => Interlocked.Increment(ref _storeFailures);
}
