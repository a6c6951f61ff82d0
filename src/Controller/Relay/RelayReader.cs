using InfoRadio.Controller.Audio;

namespace InfoRadio.Controller.Relay;

/// <summary>
/// Reads a relayed source on the broadcast's timeline. Why it is driven by the wall clock: the source arrives in
/// real time on its own clock and may stall at any moment, while the broadcast's packets leave on the session's
/// epoch. The encode-ahead pipeline calls <see cref="Read"/> on its own thread; a blocking read that waited for a
/// stalled source would starve the sender and make the speakers miss packets. So, once the session is announced
/// (<see cref="Anchor"/>), the sample at position p has a deadline, epoch + p / 48 kHz − send-ahead − margin: the
/// reader hands out whatever the source has buffered, and when the buffer is empty it waits for the source only until
/// that deadline, then yields a slice of silence (or the fallback content when the relay has fallen back). Before the
/// announcement nothing is due and nothing is handed out, so a slot taken up early does not air stale audio; the
/// ring keeps only the newest audio meanwhile.
/// </summary>
internal sealed class RelayReader : ProgramAudioReader
{
    /// <summary>Silence handed out per deadline miss: one program packet.</summary>
    private const int FillSamples = 4_800;
    private static readonly TimeSpan WaitSlice = TimeSpan.FromMilliseconds(20);

    private readonly RelaySession _session;
    private readonly long _length;
    private readonly Func<ProgramAudio?> _fallback;
    private readonly int _marginMs;
    private readonly TimeProvider _time;
    private readonly ManualResetEventSlim _anchored = new(false);
    private long _deadlineBaseUs;
    private volatile bool _cancelled;
    private bool _started;
    private ProgramAudioReader? _fallbackReader;
    private bool _fallbackUnusable;

    public RelayReader(RelaySession session, long length, Func<ProgramAudio?> fallback, int marginMs, TimeProvider time)
    {
        _session = session;
        _length = length;
        _fallback = fallback;
        _marginMs = marginMs;
        _time = time;
    }

    public RelaySession Session => _session;

    /// <summary>The session is on air: sample p is sent at <paramref name="epochUs"/> + p / 48 kHz − send-ahead.</summary>
    public void Anchor(long epochUs, int sendAheadMs)
    {
        Interlocked.Exchange(ref _deadlineBaseUs, epochUs - (sendAheadMs + (long)_marginMs) * 1000);
        _anchored.Set();
    }

    /// <summary>Wakes a blocked <see cref="Read"/>, which then throws <see cref="OperationCanceledException"/>.</summary>
    public override void Cancel()
    {
        _cancelled = true;
        _anchored.Set();
    }

    public override int Read(Span<float> buffer)
    {
        var wanted = (int)Math.Min(buffer.Length, _length - Position);
        if (wanted <= 0) return 0;
        buffer = buffer[..wanted];
        _anchored.Wait();
        if (!_started)
        {
            // Whatever piled up before the announcement is older than the prebuffer's worth: air from near live.
            _session.Ring.TrimTo(_session.Prebuffer);
            _started = true;
        }
        while (true)
        {
            if (_cancelled) throw new OperationCanceledException("the relay was stopped");
            if (_session.OnFallback)
            {
                if (ReadFallback(buffer) is var f and > 0) return Took(f);
            }
            else
            {
                CloseFallback();
                if (_session.Ring.Read(buffer) is var n and > 0) return Took(n);
            }
            var leftUs = Interlocked.Read(ref _deadlineBaseUs) + Position * 1_000_000 / DecodedAudio.SampleRate - NowUs();
            if (leftUs <= 0)
            {
                var fill = Math.Min(buffer.Length, FillSamples);
                buffer[..fill].Clear();
                _session.Health.AddFilled(fill);
                RelayCounters.FilledSamples.Add(fill);
                return Took(fill);
            }
            _session.Ring.WaitForData(TimeSpan.FromMicroseconds(Math.Min(leftUs, (long)WaitSlice.TotalMicroseconds)));
        }
    }

    private int Took(int n)
    {
        Position += n;
        return n;
    }

    /// <summary>The fallback content, looped; 0 when there is none (the caller then gives silence on the deadline).</summary>
    private int ReadFallback(Span<float> buffer)
    {
        for (var attempt = 0; attempt < 2 && !_fallbackUnusable; attempt++)
        {
            try
            {
                _fallbackReader ??= _fallback()?.Open();
                if (_fallbackReader is null)
                {
                    _fallbackUnusable = true;
                    return 0;
                }
                var n = _fallbackReader.Read(buffer);
                if (n > 0) return n;
                CloseFallback(); // at its end: loop from the start
            }
            catch (AudioFormatException)
            {
                CloseFallback();
                _fallbackUnusable = true;
            }
        }
        return 0;
    }

    private void CloseFallback()
    {
        _fallbackReader?.Dispose();
        _fallbackReader = null;
    }

    private long NowUs() => (_time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    protected override void Dispose(bool disposing)
    {
        if (!disposing) return;
        CloseFallback();
        _session.Dispose();
        // _anchored stays undisposed: Cancel may still come from the pipeline's token after this (it only sets it).
    }
}
