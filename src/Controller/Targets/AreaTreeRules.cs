using InfoRadio.Controller.Scheduling;
using InfoRadio.Protocol;

namespace InfoRadio.Controller.Targets;

/// <summary>
/// What makes an administrative tree usable: official codes (digits), names, and each level under a wider one
/// (a province has no parent; a district sits in a province; a commune in a district or, where districts were
/// abolished, directly in a province; a village in a commune).
/// </summary>
public static class AreaTreeRules
{
    public const int MaxCodeLength = 12;
    public const int MaxNameLength = 200;

    /// <summary>Null when <paramref name="area"/> fits under <paramref name="parent"/> (null for none), else why not.</summary>
    public static string? Check(AdministrativeArea area, AdministrativeArea? parent)
    {
        var what = $"area {area.Code}";
        if (Identifiers.Check(area.Code, "area code") is { } bad) return bad;
        if (area.Code.Length > MaxCodeLength || !area.Code.All(char.IsAsciiDigit)) return $"area code '{area.Code}' must be an official code: 1 to {MaxCodeLength} digits";
        if (string.IsNullOrWhiteSpace(area.Name)) return $"{what}: the name is empty";
        if (area.Name.Length > MaxNameLength || area.Name.Any(char.IsControl)) return $"{what}: the name must be at most {MaxNameLength} characters on one line";
        if (!Enum.IsDefined(area.Level)) return $"{what}: unknown level";
        if (area.Level == AdministrativeLevel.Province)
            return area.ParentCode is null ? null : $"{what}: a province has no parent";
        if (area.ParentCode is null) return $"{what}: a {Name(area.Level)} needs a parent";
        if (parent is null) return $"{what}: its parent {area.ParentCode} is not known";
        var allowed = area.Level switch
        {
            AdministrativeLevel.District => parent.Level == AdministrativeLevel.Province,
            AdministrativeLevel.Commune => parent.Level is AdministrativeLevel.District or AdministrativeLevel.Province,
            _ => parent.Level == AdministrativeLevel.Commune,
        };
        return allowed ? null : $"{what}: a {Name(area.Level)} cannot sit in a {Name(parent.Level)}";
    }

    public static string Name(AdministrativeLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>A level by its name only ("village"): no numbers, no comma-joined combinations.</summary>
    public static bool TryParseLevel(string? text, out AdministrativeLevel level)
    {
        foreach (var candidate in Enum.GetValues<AdministrativeLevel>())
        {
            if (string.Equals(Name(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }
        level = default;
        return false;
    }
}
