namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// A relayed HTTP/Icecast MP3 stream, aired for the program's duration. <see cref="FallbackMediaId"/> is the media
/// item aired while the source is dead or silent (null: Relay:FallbackMediaId, else silence).
/// </summary>
public sealed record StreamRelayContent(string StreamUrl, string? FallbackMediaId = null) : ProgramContent
{
    public const int MaxUrlLength = 2000;

    public override ProgramKind Kind => ProgramKind.StreamRelay;

    public override string? Validate()
    {
        if (string.IsNullOrWhiteSpace(StreamUrl)) return "stream URL is empty";
        if (StreamUrl.Length > MaxUrlLength) return $"stream URL is longer than {MaxUrlLength} characters";
        if (!Uri.TryCreate(StreamUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return "stream URL must be an absolute http or https URL";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "stream URL must not carry a user name or password";
        return FallbackMediaId is null ? null : Protocol.Identifiers.Check(FallbackMediaId, "fallback media id");
    }
}
