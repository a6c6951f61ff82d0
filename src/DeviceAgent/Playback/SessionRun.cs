using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Playback;

/// <summary>
/// One attempt to play one session: its jitter buffer, its decoder and where the playout stands. A session
/// that is preempted and later chosen again gets a new run, which joins the stream where it then is.
/// </summary>
internal sealed class SessionRun(SessionInfo info, JitterBuffer buffer, OpusFrameDecoder decoder) : IDisposable
{
    public SessionInfo Info { get; set; } = info;
    public JitterBuffer Buffer { get; } = buffer;
    public OpusFrameDecoder Decoder { get; } = decoder;

    /// <summary>True once the first sample was written to the sink.</summary>
    public bool Started { get; set; }

    /// <summary>Position of the next frame to write.</summary>
    public ulong Cursor { get; set; }

    public ulong StartPosition { get; set; }
    public int ConsecutiveMissing { get; set; }

    /// <summary>Frames concealed, silenced or skipped because they were not there in time.</summary>
    public long Underruns { get; set; }

    public long ReportedUnderruns { get; set; }
    public long? LastUnderrunEventDeviceUs { get; set; }

    public int FrameSamples => Info.FrameSamples;

    public bool Accepts(SessionInfo other) =>
        other.Session == Info.Session && other.Stream == Info.Stream && other.EpochUs == Info.EpochUs
        && other.LatencyMs == Info.LatencyMs && other.FrameSamples == Info.FrameSamples;

    public void Dispose() => Decoder.Dispose();
}
