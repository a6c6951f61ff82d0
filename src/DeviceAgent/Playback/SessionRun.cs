using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Playback;

/// <summary>
/// One attempt to play one session: its jitter buffer, its decoder and where the playout stands, on both sides of
/// the drift correction: the stream (<see cref="Cursor"/>, controller time) and the sink (<see cref="SinkSamples"/>
/// after <see cref="SinkStartDeviceUs"/>, device time). A session that is preempted and later chosen again gets a
/// new run, which joins the stream where it then is.
/// </summary>
internal sealed class SessionRun : IDisposable
{
    public SessionRun(SessionInfo info, JitterBuffer buffer, IFrameDecoder decoder)
    {
        Info = info;
        Buffer = buffer;
        Decoder = decoder;
        FramePcm = new short[info.FrameSamples];
    }

    public SessionInfo Info { get; set; }
    public JitterBuffer Buffer { get; }
    public IFrameDecoder Decoder { get; }

    /// <summary>True once the first sample was written to the sink.</summary>
    public bool Started { get; set; }

    /// <summary>Stream position of the next sample to play.</summary>
    public ulong Cursor { get; set; }

    public ulong StartPosition { get; set; }

    /// <summary>First stream position that may sound (a cached file's pre-skip); 0 for a streamed session.</summary>
    public ulong FirstAudible { get; set; }

    /// <summary>Device time at which the take's first sample sounds; sample k sounds k / 48 kHz later.</summary>
    public long SinkStartDeviceUs { get; set; }

    /// <summary>Sink samples of the take so far: written, or passed over by a stalled real-time sink.</summary>
    public long SinkSamples { get; set; }

    /// <summary>Decides the one-sample corrections of this run.</summary>
    public required DriftCorrector Corrector { get; init; }

    /// <summary>True while a re-anchoring (a skip, or silence until the timeline catches up) is under way.</summary>
    public bool Reanchoring { get; set; }

    /// <summary>Frames sit at <c>GridOrigin + k · FrameSamples</c>.</summary>
    public ulong GridOrigin { get; set; }

    /// <summary>The decoded frame the cursor is in, if any.</summary>
    public short[] FramePcm { get; }
    public ulong FrameStart { get; set; }
    public bool HasFrame { get; set; }

    public int ConsecutiveMissing { get; set; }

    /// <summary>Frames concealed, silenced or skipped because they were not there in time.</summary>
    public long Underruns { get; set; }

    /// <summary>End position of the furthest audio received so far (0: none).</summary>
    public ulong ReceivedUpTo { get; set; }

    /// <summary>Device time the last packet of the stream arrived (when the run was made, before the first).</summary>
    public long LastPacketDeviceUs { get; set; }

    public long ReportedUnderruns { get; set; }
    public long? LastUnderrunEventDeviceUs { get; set; }

    public int FrameSamples => Info.FrameSamples;

    public bool Accepts(SessionInfo other) =>
        other.Session == Info.Session && other.Stream == Info.Stream && other.EpochUs == Info.EpochUs
        && other.LatencyMs == Info.LatencyMs && other.FrameSamples == Info.FrameSamples;

    /// <summary>Start of the frame holding stream position <paramref name="position"/>.</summary>
    public ulong FrameStartOf(ulong position) =>
        position <= GridOrigin ? GridOrigin : GridOrigin + (position - GridOrigin) / (ulong)FrameSamples * (ulong)FrameSamples;

    public void Dispose() => Decoder.Dispose();
}
