using InfoRadio.DeviceAgent.Sinks;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Clock;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Playback;

/// <summary>The tick's work: starting a run, writing what is due, a stalled sink, finishing, the tone.</summary>
internal sealed partial class PlayoutEngine
{
    private void TickRun(SessionRun run, long nowDevice, List<PlayoutEvent> events)
    {
        if (run.Started && StreamLost(run, nowDevice))
        {
            // The same session stays chosen: a fresh run joins its stream where it is if audio comes again.
            EndRun(events, $"the stream stopped: no audio for {_settings.StreamLostAfter.TotalSeconds:0.#} s");
            _run = CreateRun(run.Info);
            return;
        }
        var (current, drift) = _clock.Estimate;
        if (current is not { } model) return;
        // The instant at which what is written now will sound.
        var soundingDevice = nowDevice + (long)_sink.OutputLatency.TotalMicroseconds;
        var originUs = run.Info.EpochUs + run.Info.LatencyMs * 1_000L;
        if (!run.Started && !TryStart(run, model, soundingDevice, originUs, events)) return;

        var end = run.Buffer.EndPosition;
        var due = SinkSamplesDue(run, soundingDevice);
        if (_sink.IsRealTime && due - run.SinkSamples > (long)Timeline.SamplesIn(_settings.MaxLag)) PassStall(run, due, end);
        WriteDue(run, model, drift, due, originUs, end);

        if (run.Underruns > run.ReportedUnderruns
            && (run.LastUnderrunEventDeviceUs is not { } last || nowDevice - last >= (long)_settings.UnderrunEventInterval.TotalMicroseconds))
        {
            run.ReportedUnderruns = run.Underruns;
            run.LastUnderrunEventDeviceUs = nowDevice;
            events.Add(new PlayoutEvent(DeviceEventType.Underrun, run.Info.Session, ControllerNowUs(), run.Cursor, run.Underruns));
        }

        // Finished once the last sample has sounded, not merely once it was handed to the sink.
        if (end is { } endPosition && run.Cursor >= endPosition && nowDevice >= SinkInstantUs(run, run.SinkSamples))
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
    /// The playout has gone <see cref="PlayoutSettings.StreamLostAfter"/> past the last audio received; or, whatever the
    /// sink does with missing audio, nothing arrived for that long beyond what the session's latency and the buffer's
    /// slack can hold.
    /// </summary>
    private bool StreamLost(SessionRun run, long nowDevice)
    {
        var lost = Timeline.SamplesIn(_settings.StreamLostAfter);
        if (run.Cursor > run.ReceivedUpTo + lost) return true;
        var silentUs = nowDevice - run.LastPacketDeviceUs;
        return silentUs > run.Info.LatencyMs * 1_000L + (long)(_settings.BufferSlack + _settings.StreamLostAfter).TotalMicroseconds;
    }

    /// <summary>
    /// Starts at the stream position that sounds now: a late joiner starts where the stream is, never with old
    /// audio and never with a burst. A real-time sink starts exactly there (its first sample sounds one output
    /// latency after it is written); a file starts at the start of the first frame not yet entirely past, its
    /// first sample placed at that frame's instant.
    /// </summary>
    private bool TryStart(SessionRun run, ClockModel model, long soundingDevice, long originUs, List<PlayoutEvent> events)
    {
        var fs = (ulong)run.FrameSamples;
        var position = model.ControllerElapsedUs(soundingDevice, originUs) * ProtocolVersion.SampleRate / 1e6;
        if (position < run.FirstAudible) return false;
        var sounding = (ulong)position;
        if (sounding + 1 > fs) run.Buffer.AdvanceTo(sounding + 1 - fs);
        if (run.Buffer.FirstPosition is not { } first || first > sounding) return false;

        StopTone();
        ulong start;
        long startDevice;
        if (_sink.IsRealTime)
        {
            _sink.SetOutputBuffer(BufferFor(run.Info));
            start = Math.Max(first, (ulong)Math.Round(position));
            _sink.Open(run.Info.Session, Placed(model, start, soundingDevice));
            // Opening may take a while (a player process starting on a busy box): the card sounds its first
            // sample one output latency after it is written, which is now, so place the start now.
            soundingDevice = _clock.DeviceNowUs + (long)_sink.OutputLatency.TotalMicroseconds;
            position = model.ControllerElapsedUs(soundingDevice, originUs) * ProtocolVersion.SampleRate / 1e6;
            start = Math.Max(start, (ulong)Math.Round(position));
            startDevice = soundingDevice;
        }
        else
        {
            start = Math.Max(first, run.FirstAudible);
            startDevice = model.ToDeviceUs(Timeline.SampleTimeUs(run.Info.EpochUs, run.Info.LatencyMs, start));
            _sink.Open(run.Info.Session, Placed(model, start, startDevice));
        }
        run.Started = true;
        run.Cursor = start;
        run.StartPosition = start;
        run.GridOrigin = first % fs;
        run.SinkStartDeviceUs = startDevice;
        run.SinkSamples = 0;
        _sessionsStarted++;
        events.Add(new PlayoutEvent(DeviceEventType.PlayStarted, run.Info.Session, ControllerNowUs(), start));
        LogStarted(_logger, run.Info.Session, start, (long)(sounding - Math.Min(sounding, first)));
        return true;
    }

    /// <summary>The configured output buffer for this session (null: the sink's own): at least 20 ms, at most half its latency.</summary>
    private TimeSpan? BufferFor(SessionInfo session)
    {
        if (_outputBuffer is not { } buffer) return null;
        var cap = TimeSpan.FromMilliseconds(Math.Max(20, session.LatencyMs / 2));
        return buffer > cap ? cap : buffer < TimeSpan.FromMilliseconds(20) ? TimeSpan.FromMilliseconds(20) : buffer;
    }

    private static SinkTimeline Placed(ClockModel model, ulong position, long deviceUs) =>
        new(position, deviceUs, model.ToControllerUs(deviceUs), model.OffsetAt(deviceUs), model.DriftPpm);

    /// <summary>How many sink samples of the take have reached their instant at <paramref name="soundingDevice"/>.</summary>
    private static long SinkSamplesDue(SessionRun run, long soundingDevice)
    {
        var elapsedUs = soundingDevice - run.SinkStartDeviceUs;
        if (elapsedUs < 0) return 0;
        return (long)((Int128)elapsedUs * ProtocolVersion.SampleRate / 1_000_000) + 1;
    }

    /// <summary>Device instant of sink sample <paramref name="index"/> of the take.</summary>
    private static long SinkInstantUs(SessionRun run, long index) =>
        run.SinkStartDeviceUs + (long)((Int128)index * 1_000_000 / ProtocolVersion.SampleRate);

    /// <summary>
    /// A real-time sink that was not fed for longer than <see cref="PlayoutSettings.MaxLag"/> (a stalled process)
    /// has played silence meanwhile: that stretch of the stream is skipped rather than played late in a burst, so
    /// the speaker stays in step with its neighbours.
    /// </summary>
    private void PassStall(SessionRun run, long due, ulong? end)
    {
        var skip = due - run.SinkSamples - (long)Timeline.SamplesIn(_settings.TickInterval);
        if (skip <= 0) return;
        var from = run.Cursor;
        run.SinkSamples += skip;
        var frames = SkipStream(run, (ulong)skip, end);
        run.Underruns += frames;
        _underruns += frames;
        LogSkipped(_logger, run.Info.Session, frames, from);
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
