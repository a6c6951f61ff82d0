namespace InfoRadio.Controller.Audio;

/// <summary>Bounds on source formats: anything outside is a corrupt header, not audio worth airing.</summary>
public static class AudioLimits
{
    public const int MinSampleRate = 4_000;
    public const int MaxSampleRate = 768_000;
    public const int MaxChannels = 64;
}
