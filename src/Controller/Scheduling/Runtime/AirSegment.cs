namespace InfoRadio.Controller.Scheduling.Runtime;

/// <summary>
/// One session of an airing: the airing's audio from <see cref="From"/>, sounding from <see cref="SoundStart"/> on
/// <see cref="Devices"/>. The first segment of a slot starts at zero; a slot that waited, or was preempted and
/// resumes or restarts, airs on the devices that waited as a further segment.
/// </summary>
public sealed class AirSegment(Airing airing, TimeSpan from, DateTimeOffset soundStart, IEnumerable<string> devices)
{
    public Airing Airing { get; } = airing;
    public TimeSpan From { get; } = from;
    public DateTimeOffset SoundStart { get; } = soundStart;
    public HashSet<string> Devices { get; } = new(devices, StringComparer.Ordinal);

    /// <summary>The session id the output gave it; null until started.</summary>
    public string? SessionId { get; set; }

    public DateTimeOffset SoundEnd => SoundStart + (Airing.Length - From);

    /// <summary>Where in the airing's audio this segment is at <paramref name="instant"/>.</summary>
    public TimeSpan PositionAt(DateTimeOffset instant)
    {
        var into = instant - SoundStart;
        if (into < TimeSpan.Zero) into = TimeSpan.Zero;
        var rest = Airing.Length - From;
        return From + (into > rest ? rest : into);
    }

    public bool IsSounding(DateTimeOffset instant) => instant >= SoundStart && instant < SoundEnd;
}
