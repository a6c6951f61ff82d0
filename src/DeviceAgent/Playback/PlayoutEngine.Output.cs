using InfoRadio.DeviceAgent.Clock;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Playback;

/// <summary>The tick's work: starting a run, writing due frames, concealing, skipping, finishing, the tone.</summary>
internal sealed partial class PlayoutEngine
{
    private void TickRun(SessionRun run, long nowDevice, List<PlayoutEvent> events)
    {
        if (!_clock.HasOffset) return;
        var nowController = _clock.ToControllerUs(nowDevice) + (long)_sink.OutputLatency.TotalMicroseconds;
        var due = Timeline.DueSamples(nowController, run.Info.EpochUs, run.Info.LatencyMs);
        if (!run.Started && !TryStart(run, due, events)) return;

        var end = run.Buffer.EndPosition;
        if (_sink.IsRealTime && due > run.Cursor + Timeline.SamplesIn(_settings.MaxLag)) SkipAhead(run, due, end);
        while (run.Cursor < due && (end is null || run.Cursor < end)) WriteFrame(run, end);

        if (run.Underruns > run.ReportedUnderruns
            && (run.LastUnderrunEventDeviceUs is not { } last || nowDevice - last >= (long)_settings.UnderrunEventInterval.TotalMicroseconds))
        {
            run.ReportedUnderruns = run.Underruns;
            run.LastUnderrunEventDeviceUs = nowDevice;
            events.Add(new PlayoutEvent(DeviceEventType.Underrun, run.Info.Session, ControllerNowUs(), run.Cursor, run.Underruns));
        }

        // Finished once the last sample's instant has come, not merely once it was handed to the sink.
        if (end is { } endPosition && run.Cursor >= endPosition && due >= endPosition)
        {
            _run = null;
            _sessionsFinished++;
            _sink.Close();
            Remember(run.Info.Session);
            events.Add(new PlayoutEvent(DeviceEventType.PlayFinished, run.Info.Session, ControllerNowUs(), endPosition, run.Underruns));
            LogFinished(_logger, run.Info.Session, endPosition, run.Underruns);
            run.Dispose();
        }
    }

    /// <summary>
    /// Starts at the first buffered frame whose instant has come and which has not entirely passed: a late
    /// joiner starts where the stream is now, never with old audio and never with a burst.
    /// </summary>
    private bool TryStart(SessionRun run, ulong due, List<PlayoutEvent> events)
    {
        var fs = (ulong)run.FrameSamples;
        if (due > fs) run.Buffer.AdvanceTo(due - fs);
        if (run.Buffer.FirstPosition is not { } first || first >= due) return false;
        StopTone();
        run.Started = true;
        run.Cursor = first;
        run.StartPosition = first;
        _sessionsStarted++;
        _sink.Open(run.Info.Session);
        events.Add(new PlayoutEvent(DeviceEventType.PlayStarted, run.Info.Session, ControllerNowUs(), first));
        LogStarted(_logger, run.Info.Session, first, (long)(due - first));
        return true;
    }

    private void SkipAhead(SessionRun run, ulong due, ulong? end)
    {
        var fs = (ulong)run.FrameSamples;
        var skipped = 0L;
        var from = run.Cursor;
        while (run.Cursor + fs < due && (end is null || run.Cursor < end))
        {
            run.Buffer.TryTake(run.Cursor, run.FrameSamples, out _);
            run.Cursor += fs;
            skipped++;
        }
        run.Underruns += skipped;
        _underruns += skipped;
        LogSkipped(_logger, run.Info.Session, skipped, from);
    }

    private void WriteFrame(SessionRun run, ulong? end)
    {
        var fs = run.FrameSamples;
        var pcm = _pcm.AsSpan(0, fs);
        if (run.Buffer.TryTake(run.Cursor, fs, out var frame))
        {
            if (frame.ResetDecoder) run.Decoder.Reset();
            // Bad or sender-lost frames are concealed inside the decoder; they are not late, so no underrun.
            run.Decoder.Decode(frame.Data.Span, pcm);
            run.ConsecutiveMissing = 0;
        }
        else
        {
            run.ConsecutiveMissing++;
            run.Underruns++;
            _underruns++;
            // The next frame's in-band FEC rebuilds this one when the next frame came (and continues the stream).
            if (run.ConsecutiveMissing > _settings.MaxConcealedFrames) pcm.Clear();
            else if (run.Buffer.TryPeek(run.Cursor + (ulong)fs, out var next) && !next.ResetDecoder) run.Decoder.Recover(next.Data.Span, pcm);
            else run.Decoder.Conceal(pcm);
        }
        var count = end is { } e ? (int)Math.Min((ulong)fs, e - run.Cursor) : fs;
        var output = pcm[..count];
        PcmGain.Apply(output, run.Info.Volume ?? _deviceVolume);
        _sink.Write(output);
        _playTime.Add(count, _time.GetLocalNow());
        run.Cursor += (ulong)count;
    }

    private void TickTone(ToneRun tone, long nowDevice)
    {
        var elapsedUs = nowDevice - tone.StartDeviceUs;
        var due = elapsedUs < 0 ? 0 : (ulong)((Int128)elapsedUs * ProtocolVersion.SampleRate / 1_000_000) + 1;
        while (tone.Written < due && !tone.IsComplete)
        {
            var pcm = _pcm.AsSpan(0, 960);
            var count = tone.Render(pcm);
            PcmGain.Apply(pcm[..count], _deviceVolume);
            _sink.Write(pcm[..count]);
        }
        if (tone.IsComplete && due >= tone.TotalSamples) StopTone();
    }

    private void StopTone()
    {
        if (_tone is null) return;
        _tone = null;
        _sink.Close();
    }
}
