namespace InfoRadio.Controller.Cap;

/// <summary>
/// One CAP 1.2 <c>alert</c> as it was sent: every value is kept as its text, so that <see cref="CapValidator"/> can
/// name each problem instead of the parser stopping at the first. Read values through the validator's rules only
/// after it found none.
/// </summary>
public sealed record CapAlert
{
    public string? Identifier { get; init; }
    public string? Sender { get; init; }
    public string? Sent { get; init; }
    public string? Status { get; init; }
    public string? MsgType { get; init; }
    public string? Source { get; init; }
    public string? Scope { get; init; }
    public string? Restriction { get; init; }
    public string? Addresses { get; init; }
    public IReadOnlyList<string> Codes { get; init; } = [];
    public string? Note { get; init; }
    public string? References { get; init; }
    public string? Incidents { get; init; }
    public IReadOnlyList<CapInfo> Infos { get; init; } = [];

    /// <summary>
    /// The block to air: the first in Vietnamese (<c>vi</c>, <c>vi-VN</c>…), else the first without a language (CAP's
    /// default is en-US, but feeds in Vietnam often leave it out), else the first.
    /// </summary>
    public CapInfo? ChooseInfo()
    {
        if (Infos.Count == 0) return null;
        return Infos.FirstOrDefault(i => IsVietnamese(i.Language))
            ?? Infos.FirstOrDefault(i => string.IsNullOrWhiteSpace(i.Language))
            ?? Infos[0];
    }

    public static bool IsVietnamese(string? language) =>
        language is { } l && (l.Equals("vi", StringComparison.OrdinalIgnoreCase) || l.StartsWith("vi-", StringComparison.OrdinalIgnoreCase));
}

/// <summary>A CAP <c>valueName</c>/<c>value</c> pair (eventCode, parameter, geocode).</summary>
public sealed record CapValue(string? ValueName, string? Value);
