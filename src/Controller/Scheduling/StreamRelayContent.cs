namespace InfoRadio.Controller.Scheduling;

/// <summary>A relayed stream (Icecast/Shoutcast/HLS over HTTP).</summary>
public sealed record StreamRelayContent(string StreamUrl) : ProgramContent
{
    public const int MaxUrlLength = 2000;

    public override ProgramKind Kind => ProgramKind.StreamRelay;

    public override string? Validate()
    {
        if (string.IsNullOrWhiteSpace(StreamUrl)) return "stream URL is empty";
        if (StreamUrl.Length > MaxUrlLength) return $"stream URL is longer than {MaxUrlLength} characters";
        if (!Uri.TryCreate(StreamUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return "stream URL must be an absolute http or https URL";
        return null;
    }
}
