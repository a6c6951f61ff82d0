namespace InfoRadio.Controller.Cap;

/// <summary>A CAP <c>resource</c>: a file that goes with the alert, by reference (<c>uri</c>) or inline (<c>derefUri</c>, base64).</summary>
public sealed record CapResource
{
    public string? ResourceDesc { get; init; }
    public string? MimeType { get; init; }
    public string? Size { get; init; }
    public string? Uri { get; init; }
    public string? DerefUri { get; init; }
    public string? Digest { get; init; }
}
