using InfoRadio.Protocol;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>What <see cref="LiveTimeline.Place"/> decided for a chunk of live input.</summary>
public enum LivePlacementKind
{
    /// <summary>On the timeline at <see cref="LivePlacement.Position"/>, after <see cref="LivePlacement.Silence"/> samples of silence.</summary>
    Accepted,
    /// <summary>Arrived before the session's epoch: not on air yet, dropped.</summary>
    Early,
    /// <summary>The source runs ahead of real time: dropped, so that the delay returns to the profile's latency.</summary>
    Ahead,
    /// <summary>The session would pass its longest allowed length: dropped, and the session should end.</summary>
    TooLong,
}

/// <summary>Where a chunk of live input goes; for an accepted chunk, silence first fills a gap in the input.</summary>
public readonly record struct LivePlacement(LivePlacementKind Kind, ulong Position, ulong Silence);

/// <summary>How far live input may stray from real time, and how long it may stay astray before it is corrected.</summary>
/// <param name="MaxLag">Input this late still reaches the speakers in time.</param>
/// <param name="TargetLead">Input further ahead than this for <paramref name="Hold"/> adds delay: a chunk is dropped.</param>
/// <param name="MaxLead">Input further ahead than this is dropped at once.</param>
/// <param name="Hold">How long input must stay astray before it is corrected.</param>
/// <param name="MaxSamples">Longest session.</param>
public sealed record LiveTimelineLimits(TimeSpan MaxLag, TimeSpan TargetLead, TimeSpan MaxLead, TimeSpan Hold, ulong MaxSamples);

/// <summary>
/// Places live input on the session's timeline by the controller time it arrives at, so that the delay from a
/// sample entering the controller to it sounding stays the profile's latency whatever the source does. Sample
/// <c>p</c> belongs at controller time <c>epoch + p / 48 kHz</c>; the stream starts at the position of the instant
/// its first sample entered, so every later sample is measured against its own arrival.
/// <list type="bullet">
/// <item>Input late by up to <see cref="LiveTimelineLimits.MaxLag"/> still reaches the speakers in time.</item>
/// <item>Later input is first taken as a stall and stays in place: the backlog that follows a stall (a congested
/// link, a busy process) brings the input back to the present by itself. Only if it is still about as late after
/// the hold — it is not catching up — is it a pause (the source stopped sending): the gap is filled with silence and
/// the input carries on from the present.</item>
/// <item>Input that keeps running ahead by more than the target lead for the hold (typically the backlog after a
/// stall that was filled) loses a chunk per hold until the delay is back; beyond the maximum lead it is dropped at
/// once, since speakers only buffer that much.</item>
/// </list>
/// Pure: the caller passes the time.
/// </summary>
public sealed class LiveTimeline
{
    private readonly long _epochUs;
    private readonly ulong _maxLag;
    private readonly ulong _targetLead;
    private readonly ulong _maxLead;
    private readonly long _holdUs;
    private readonly ulong _maxSamples;
    private long? _lateSinceUs;
    private ulong _lateAtStart;
    private long? _aheadSinceUs;

    public LiveTimeline(long epochUs, LiveTimelineLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxLag, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.TargetLead, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxLead, limits.TargetLead);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.Hold, TimeSpan.Zero);
        _epochUs = epochUs;
        _maxLag = Samples(limits.MaxLag);
        _targetLead = Samples(limits.TargetLead);
        _maxLead = Samples(limits.MaxLead);
        _holdUs = (long)limits.Hold.TotalMicroseconds;
        _maxSamples = limits.MaxSamples;
    }

    public long EpochUs => _epochUs;

    /// <summary>Position of the next sample; valid once <see cref="Started"/>.</summary>
    public ulong Position { get; private set; }

    /// <summary>Position of the first accepted sample.</summary>
    public ulong StartPosition { get; private set; }

    /// <summary>True once a chunk was accepted.</summary>
    public bool Started { get; private set; }

    /// <summary>Silence samples inserted so far for input that came late.</summary>
    public ulong SilenceSamples { get; private set; }

    /// <summary>Decides where <paramref name="samples"/> samples arriving at controller time <paramref name="nowUs"/> go.</summary>
    public LivePlacement Place(long nowUs, int samples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        if (nowUs < _epochUs) return new LivePlacement(LivePlacementKind.Early, Position, 0);
        var slot = (ulong)((Int128)(nowUs - _epochUs) * ProtocolVersion.SampleRate / 1_000_000);

        ulong start = Position, silence = 0;
        if (!Started)
        {
            start = slot;
        }
        else if (slot > Position + _maxLag)
        {
            _aheadSinceUs = null;
            silence = LateSilence(nowUs, slot - Position);
        }
        else if (Position > slot + _maxLead)
        {
            return new LivePlacement(LivePlacementKind.Ahead, Position, 0);
        }
        else if (Position > slot + _targetLead)
        {
            _lateSinceUs = null;
            _aheadSinceUs ??= nowUs;
            if (nowUs - _aheadSinceUs >= _holdUs)
            {
                _aheadSinceUs = nowUs; // the next chunk, if still ahead, waits a hold of its own
                return new LivePlacement(LivePlacementKind.Ahead, Position, 0);
            }
        }
        else
        {
            _lateSinceUs = null;
            _aheadSinceUs = null;
        }

        var end = start + silence + (ulong)samples;
        if (end > _maxSamples) return new LivePlacement(LivePlacementKind.TooLong, start, 0);
        if (!Started) StartPosition = start;
        Started = true;
        Position = end;
        SilenceSamples += silence;
        return new LivePlacement(LivePlacementKind.Accepted, start + silence, silence);
    }

    /// <summary>Silence to insert for input <paramref name="lateness"/> samples late: none while it may be a stall.</summary>
    private ulong LateSilence(long nowUs, ulong lateness)
    {
        if (_lateSinceUs is not { } since)
        {
            (_lateSinceUs, _lateAtStart) = (nowUs, lateness);
            return 0;
        }
        if (nowUs - since < _holdUs) return 0;
        // A backlog that is catching up (faster than 1.25× real time) gets another hold; otherwise it is a pause.
        if (lateness + Samples(TimeSpan.FromMicroseconds(nowUs - since)) / 4 < _lateAtStart)
        {
            (_lateSinceUs, _lateAtStart) = (nowUs, lateness);
            return 0;
        }
        _lateSinceUs = null;
        return lateness;
    }

    private static ulong Samples(TimeSpan duration) => (ulong)(duration.Ticks * ProtocolVersion.SampleRate / TimeSpan.TicksPerSecond);
}
