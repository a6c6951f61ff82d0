namespace InfoRadio.Controller.Cap;

/// <summary>One CAP <c>info</c> block (one language's account of the event), values as sent.</summary>
public sealed record CapInfo
{
    public string? Language { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public string? Event { get; init; }
    public IReadOnlyList<string> ResponseTypes { get; init; } = [];
    public string? Urgency { get; init; }
    public string? Severity { get; init; }
    public string? Certainty { get; init; }
    public string? Audience { get; init; }
    public IReadOnlyList<CapValue> EventCodes { get; init; } = [];
    public string? Effective { get; init; }
    public string? Onset { get; init; }
    public string? Expires { get; init; }
    public string? SenderName { get; init; }
    public string? Headline { get; init; }
    public string? Description { get; init; }
    public string? Instruction { get; init; }
    public string? Web { get; init; }
    public string? Contact { get; init; }
    public IReadOnlyList<CapValue> Parameters { get; init; } = [];
    public IReadOnlyList<CapResource> Resources { get; init; } = [];
    public IReadOnlyList<CapArea> Areas { get; init; } = [];
}
