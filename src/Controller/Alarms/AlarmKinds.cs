namespace InfoRadio.Controller.Alarms;

/// <summary>The kinds of alarm, as they appear in the API and the store. One active alarm per device and kind.</summary>
public static class AlarmKinds
{
    public const string Offline = "offline";
    public const string SpeakerFault = "speaker-fault";
    public const string AmplifierFault = "amplifier-fault";
    public const string MainsLost = "mains-lost";
    public const string OverTemperature = "over-temperature";
    public const string LowSignal = "low-signal";

    public static readonly IReadOnlyList<string> All = [Offline, SpeakerFault, AmplifierFault, MainsLost, OverTemperature, LowSignal];
}
