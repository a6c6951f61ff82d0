namespace InfoRadio.Controller.Cap;

/// <summary>A CAP <c>area</c>: a description plus polygons, circles and geocodes, any of which places the alert.</summary>
public sealed record CapArea
{
    public string? AreaDesc { get; init; }
    public IReadOnlyList<string> Polygons { get; init; } = [];
    public IReadOnlyList<string> Circles { get; init; } = [];
    public IReadOnlyList<CapValue> Geocodes { get; init; } = [];
    public string? Altitude { get; init; }
    public string? Ceiling { get; init; }
}
