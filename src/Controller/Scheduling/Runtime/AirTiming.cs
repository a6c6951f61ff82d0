namespace InfoRadio.Controller.Scheduling.Runtime;

/// <summary>
/// The scheduler's view of the program profile's timing. A session must be announced <see cref="AnnounceLead"/>
/// (the profile's start lead plus its latency) before its first sample sounds, so that speakers subscribe to its
/// audio before the first packet; before that its audio must be opened (and, for a segment resuming mid-program,
/// decoded up to its position), all within <see cref="EncodeAllowance"/>. The audio itself is encoded while it airs.
/// </summary>
public sealed record AirTiming(TimeSpan AnnounceLead)
{
    /// <summary>
    /// Time reserved for starting a session of audio of that length: a second for the bookkeeping and a busy machine
    /// (the first sessions of a process also compile their code paths), plus a share of the length that once paid for
    /// encoding it all and now covers decoding up to a resumed segment's position. Handing over early costs little:
    /// the encoder fills a few seconds ahead and waits, and the session is announced at its instant, not before.
    /// </summary>
    public static TimeSpan EncodeAllowance(TimeSpan length) => TimeSpan.FromSeconds(1) + length / 20;

    /// <summary>When a segment of that length, to sound at <paramref name="soundStart"/>, must be decided and handed over.</summary>
    public DateTimeOffset DecideAt(DateTimeOffset soundStart, TimeSpan length) => soundStart - AnnounceLead - EncodeAllowance(length);

    /// <summary>
    /// The soonest a segment of that length handed over at <paramref name="now"/> can sound. Half the encode
    /// allowance is slack, so that a hand-over a moment after its instant (a timer firing late) still starts on time.
    /// </summary>
    public DateTimeOffset SoonestStart(DateTimeOffset now, TimeSpan length) => now + AnnounceLead + EncodeAllowance(length) / 2;
}
