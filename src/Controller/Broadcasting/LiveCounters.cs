using System.Diagnostics.Metrics;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>Counters of live input, published on the "InfoRadio.Controller.Live" meter.</summary>
public static class LiveCounters
{
    private static readonly Meter Meter = new("InfoRadio.Controller.Live");

    /// <summary>Chunks of input dropped, tagged <c>reason</c>: <c>early</c> (before the epoch) or <c>ahead</c>.</summary>
    public static readonly Counter<long> DroppedChunks = Meter.CreateCounter<long>("inforadio.live.dropped_chunks");

    /// <summary>Samples of silence inserted where input came too late.</summary>
    public static readonly Counter<long> SilenceSamples = Meter.CreateCounter<long>("inforadio.live.silence_samples");

    public static readonly Counter<long> PublishFailures = Meter.CreateCounter<long>("inforadio.live.publish_failures");

    /// <summary>Live connections refused or closed for bad input, tagged <c>reason</c>.</summary>
    public static readonly Counter<long> RejectedInput = Meter.CreateCounter<long>("inforadio.live.rejected_input");

    /// <summary>
    /// Sound-card sessions ended, tagged <c>reason</c>: <c>stopped</c> (on request), <c>arecord-exited</c>, <c>idle</c>,
    /// <c>too-long</c>, <c>shutdown</c>, <c>cancelled</c>, <c>start-failed</c>, <c>read-failed</c>, <c>not-announced</c>.
    /// </summary>
    public static readonly Counter<long> SoundCardEnded = Meter.CreateCounter<long>("inforadio.live.soundcard_ended");
}
