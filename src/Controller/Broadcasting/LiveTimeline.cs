using InfoRadio.Protocol;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>What <see cref="LiveTimeline.Place"/> decided for a chunk of live input.</summary>
public enum LivePlacementKind
{
    /// <summary>On the timeline at <see cref="LivePlacement.Position"/>, after <see cref="LivePlacement.Silence"/> samples of silence.</summary>
    Accepted,
    /// <summary>Arrived before the session's epoch: not on air yet, dropped.</summary>
    Early,
    /// <summary>The source runs further ahead of real time than the profile's send-ahead: dropped.</summary>
    Ahead,
    /// <summary>The session would pass its longest allowed length: dropped, and the session should end.</summary>
    TooLong,
}

/// <summary>Where a chunk of live input goes; for an accepted chunk, silence first fills a gap in the input.</summary>
public readonly record struct LivePlacement(LivePlacementKind Kind, ulong Position, ulong Silence);

/// <summary>
/// Places live input on the session's timeline by the controller time it arrives at, so that the timeline keeps
/// pace with the wall clock whatever the source does. Sample <c>p</c> belongs at controller time
/// <c>epoch + p / 48 kHz</c>; the stream starts at the position of the instant its first sample entered. Input may come late by up to the allowed lag and still reach the speakers in time.
/// Input later than that is first taken as a stall: it stays in place, because the backlog that follows a stall
/// (a congested link, a busy process) brings the input back to the present by itself. Only when it is still about
/// as late after the hold time — it is not catching up — is it a pause (the source stopped sending for a while): the
/// gap is filled with silence and the input continues from the present. Input
/// that runs ahead of real time by more than the allowed lead is dropped, since speakers only buffer that much.
/// Pure: the caller passes the time.
/// </summary>
public sealed class LiveTimeline
{
    private readonly long _epochUs;
    private readonly ulong _maxLagSamples;
    private readonly ulong _maxLeadSamples;
    private readonly long _holdUs;
    private readonly ulong _maxSamples;
    private long? _lateSinceUs;
    private ulong _lateAtStart;

    public LiveTimeline(long epochUs, TimeSpan maxLag, TimeSpan hold, TimeSpan maxLead, ulong maxSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLag, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(hold, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLead, TimeSpan.Zero);
        _epochUs = epochUs;
        _maxLagSamples = Samples(maxLag);
        _holdUs = (long)hold.TotalMicroseconds;
        _maxLeadSamples = Samples(maxLead);
        _maxSamples = maxSamples;
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

        ulong start, silence = 0;
        if (!Started)
        {
            // The stream begins at the instant its first sample entered, so that every later sample is measured
            // against its own arrival rather than against how quickly the source reacted to going on air.
            start = slot;
        }
        else if (slot > Position + _maxLagSamples)
        {
            start = Position;
            var lateness = slot - Position;
            if (_lateSinceUs is not { } since)
            {
                (_lateSinceUs, _lateAtStart) = (nowUs, lateness);
            }
            else if (nowUs - since >= _holdUs)
            {
                // A backlog that is catching up (faster than 1.25× real time) gets another hold; otherwise it is a pause.
                var catchingUp = lateness + Samples(TimeSpan.FromMicroseconds(nowUs - since)) / 4 < _lateAtStart;
                if (catchingUp) (_lateSinceUs, _lateAtStart) = (nowUs, lateness);
                else silence = lateness;
            }
        }
        else if (Position > slot + _maxLeadSamples)
        {
            return new LivePlacement(LivePlacementKind.Ahead, Position, 0);
        }
        else
        {
            start = Position;
        }

        var end = start + silence + (ulong)samples;
        if (end > _maxSamples) return new LivePlacement(LivePlacementKind.TooLong, start, 0);
        if (!Started) StartPosition = start;
        if (silence > 0 || slot <= start + _maxLagSamples) _lateSinceUs = null;
        Started = true;
        Position = end;
        SilenceSamples += silence;
        return new LivePlacement(LivePlacementKind.Accepted, start + silence, silence);
    }

    private static ulong Samples(TimeSpan duration) => (ulong)(duration.Ticks * ProtocolVersion.SampleRate / TimeSpan.TicksPerSecond);
}
