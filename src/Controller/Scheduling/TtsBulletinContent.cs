namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// A bulletin spoken by text-to-speech. The text is kept so the audio can be re-made and audited;
/// <see cref="RecordingMediaId"/> names the rendered (or recorded) audio in the media library that airs.
/// </summary>
public sealed record TtsBulletinContent(string Text, TtsVoice Voice = TtsVoice.Northern, double Speed = 1.0, string? RecordingMediaId = null) : ProgramContent
{
    public const int MaxTextLength = 20_000;
    public const double MinSpeed = 0.5;
    public const double MaxSpeed = 2.0;

    public override ProgramKind Kind => ProgramKind.TtsBulletin;

    public override string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Text)) return "bulletin text is empty";
        if (Text.Length > MaxTextLength) return $"bulletin text is longer than {MaxTextLength} characters";
        if (Text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) return "bulletin text contains control characters";
        if (!Enum.IsDefined(Voice)) return "unknown voice";
        if (!(Speed >= MinSpeed && Speed <= MaxSpeed)) return $"speed must be between {MinSpeed} and {MaxSpeed}";
        return RecordingMediaId is null ? null : Protocol.Identifiers.Check(RecordingMediaId, "recording media id");
    }
}
