using InfoRadio.DeviceAgent.Clock;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Clock;

namespace InfoRadio.DeviceAgent.Playback;

/// <summary>
/// From the stream to the sink, block by block: where the stream should be for each block, one-sample drift
/// corrections spread over a block, and jumps (re-anchoring) when the error is too large to slew.
/// </summary>
internal sealed partial class PlayoutEngine
{
    /// <summary>10 ms: at most one sample is added or dropped per this many sink samples.</summary>
    internal const int BlockSamples = ProtocolVersion.SampleRate / 100;

    /// <summary>Sink samples gathered before one write (100 ms; a tick normally writes 10 ms).</summary>
    private const int WriteChunk = 10 * BlockSamples;

    private readonly short[] _stream = new short[BlockSamples + 1];
    private readonly short[] _out = new short[WriteChunk];
    private int _outCount;

    /// <summary>
    /// Writes sink samples up to <paramref name="due"/>. For each block the stream position the model puts at the
    /// block's first sink instant is compared with the cursor, and the run's <see cref="DriftCorrector"/> says whether
    /// to take one stream sample more or fewer for this block, resampled linearly over it, so the pitch moves by
    /// 0.2 % for 10 ms (inaudible) rather than the audio clicking; an error beyond
    /// <see cref="PlayoutSettings.ReanchorThreshold"/> (a clock step) is closed at once by skipping stream audio or
    /// playing silence, never by replaying.
    /// </summary>
    private void WriteDue(SessionRun run, ClockModel model, DriftEstimate drift, long due, long originUs, ulong? end)
    {
        var reanchorSamples = (double)Timeline.SamplesIn(_settings.ReanchorThreshold);
        var volume = VolumeFor(run.Info);
        while (run.SinkSamples < due && (end is null || run.Cursor < end))
        {
            var n = (int)Math.Min(BlockSamples, due - run.SinkSamples);
            var ideal = model.ControllerElapsedUs(SinkInstantUs(run, run.SinkSamples), originUs) * ProtocolVersion.SampleRate / 1e6;
            var error = run.Cursor - ideal;
            // A re-anchoring goes all the way (to within a sample), not just below the threshold.
            if (Math.Abs(error) >= reanchorSamples || (run.Reanchoring && error >= 1))
            {
                Reanchor(run, error, n, end);
                continue;
            }
            var m = run.Corrector.StreamSamples(n, error, drift);
            if (end is { } e && e - run.Cursor < (ulong)m)
            {
                // The tail: no correction, just what is left.
                m = (int)(e - run.Cursor);
                n = m;
            }
            run.Reanchoring = false;
            if (m > n) _samplesDropped++;
            else if (m < n) _samplesInserted++;
            var input = _stream.AsSpan(0, m);
            ReadStream(run, input);
            var output = Reserve(n);
            Stretch(input, output);
            PcmGain.Apply(output, volume);
            BlockWritten?.Invoke(new PlayoutBlock(run.SinkSamples, n, run.Cursor, m));
            run.Cursor += (ulong)m;
            run.SinkSamples += n;
        }
        Flush();
    }

    /// <summary>Skips the stream forward at once, or writes silence (a block at a time, as it falls due) until the timeline catches up.</summary>
    private void Reanchor(SessionRun run, double error, int blockSamples, ulong? end)
    {
        if (!run.Reanchoring)
        {
            run.Reanchoring = true;
            _reanchors++;
            LogReanchored(_logger, run.Info.Session, error < 0 ? "skips" : "waits", (long)Math.Round(Math.Abs(error)), run.Cursor);
        }
        if (error < 0)
        {
            SkipStream(run, (ulong)Math.Round(-error), end);
            return;
        }
        var silence = (int)Math.Min(blockSamples, Math.Round(error));
        Reserve(silence).Clear();
        BlockWritten?.Invoke(new PlayoutBlock(run.SinkSamples, silence, run.Cursor, 0));
        run.SinkSamples += silence;
    }

    /// <summary>Moves the cursor <paramref name="count"/> samples on (not past the end); returns the whole frames passed.</summary>
    private static long SkipStream(SessionRun run, ulong count, ulong? end)
    {
        var target = run.Cursor + count;
        if (end is { } e && target > e) target = e;
        var passed = (long)((target - run.Cursor) / (ulong)run.FrameSamples);
        run.Cursor = target;
        var frame = run.FrameStartOf(target);
        if (run.HasFrame && run.FrameStart != frame) run.HasFrame = false;
        run.Buffer.AdvanceTo(frame);
        return passed;
    }

    /// <summary>Fills <paramref name="destination"/> with the stream from the cursor on, decoding frames as needed.</summary>
    private void ReadStream(SessionRun run, Span<short> destination)
    {
        var fs = run.FrameSamples;
        var position = run.Cursor;
        var filled = 0;
        while (filled < destination.Length)
        {
            if (!run.HasFrame || position < run.FrameStart || position >= run.FrameStart + (ulong)fs) LoadFrame(run, run.FrameStartOf(position));
            var offset = (int)(position - run.FrameStart);
            var take = Math.Min(fs - offset, destination.Length - filled);
            run.FramePcm.AsSpan(offset, take).CopyTo(destination[filled..]);
            filled += take;
            position += (ulong)take;
        }
    }

    /// <summary>Decodes the frame at <paramref name="frameStart"/>, or conceals it (then silence) when it is not there.</summary>
    private void LoadFrame(SessionRun run, ulong frameStart)
    {
        var pcm = run.FramePcm.AsSpan();
        if (run.Buffer.TryTake(frameStart, run.FrameSamples, out var frame))
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
            else if (run.Buffer.TryPeek(frameStart + (ulong)run.FrameSamples, out var next) && !next.ResetDecoder) run.Decoder.Recover(next.Data.Span, pcm);
            else run.Decoder.Conceal(pcm);
        }
        run.FrameStart = frameStart;
        run.HasFrame = true;
    }

    /// <summary>Linear resampling of <paramref name="input"/> onto <paramref name="output"/>, first and last samples kept.</summary>
    internal static void Stretch(ReadOnlySpan<short> input, Span<short> output)
    {
        if (input.Length == output.Length)
        {
            input.CopyTo(output);
            return;
        }
        if (output.Length == 1 || input.Length == 1)
        {
            output.Fill(input[0]);
            return;
        }
        var step = (double)(input.Length - 1) / (output.Length - 1);
        for (var j = 0; j < output.Length; j++)
        {
            var x = j * step;
            var i = Math.Min((int)x, input.Length - 2);
            var f = x - i;
            output[j] = (short)Math.Round(input[i] + (input[i + 1] - input[i]) * f);
        }
    }

    private Span<short> Reserve(int count)
    {
        if (_outCount + count > _out.Length) Flush();
        var span = _out.AsSpan(_outCount, count);
        _outCount += count;
        return span;
    }

    private void Flush()
    {
        if (_outCount == 0) return;
        _sink.Write(_out.AsSpan(0, _outCount));
        _playTime.Add(_outCount, _time.GetLocalNow());
        _outCount = 0;
    }
}
