namespace InfoRadio.DeviceAgent.Sinks;

/// <summary>
/// Where the playout's 48 kHz mono 16-bit PCM goes. One session at a time: open, write in timeline order, close.
/// Calls come from the playout tick and must not block for long; a failing sink reports and degrades, it never
/// throws into the playout.
/// </summary>
internal interface IAudioSink : IDisposable
{
    /// <summary>Short name for logs and telemetry (alsa, wav, null, memory).</summary>
    string Name { get; }

    /// <summary>How long written audio takes to sound; the playout writes that much ahead of the timeline.</summary>
    TimeSpan OutputLatency { get; }

    /// <summary>
    /// True when the sink consumes audio at 48 kHz as it sounds (a sound card). A playout that fell behind then
    /// skips ahead to stay in step with its neighbours; a file or null sink instead receives every sample late.
    /// Either way sample k of a take is meant to sound k / 48 kHz of the device clock after the first.
    /// </summary>
    bool IsRealTime { get; }

    void Open(string session);

    /// <summary>Sets the output buffer of the next take (null: the sink's own); sinks without one ignore it.</summary>
    void SetOutputBuffer(TimeSpan? buffer)
    {
    }

    /// <summary>Opens a take whose place in time is known; sinks that record it (the WAV sidecar) override this.</summary>
    void Open(string session, SinkTimeline timeline) => Open(session);

    void Write(ReadOnlySpan<short> samples);
    void Close();
}
