using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Reports;

/// <summary>The administrative tree as the reports walk it: a village's commune and district, names, children.</summary>
public sealed class ReportAreas
{
    private readonly Dictionary<string, AdministrativeArea> _byCode;

    public ReportAreas(IEnumerable<AdministrativeArea> areas)
    {
        _byCode = new Dictionary<string, AdministrativeArea>(StringComparer.Ordinal);
        foreach (var area in areas) _byCode[area.Code] = area;
    }

    public IEnumerable<AdministrativeArea> All => _byCode.Values;

    public AdministrativeArea? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var a) ? a : null;

    public string? NameOf(string? code) => Find(code)?.Name;

    /// <summary>The area of <paramref name="level"/> at or above <paramref name="code"/>, if any.</summary>
    public AdministrativeArea? Ancestor(string? code, AdministrativeLevel level)
    {
        var seen = 0;
        for (var area = Find(code); area is not null && seen++ < 16; area = Find(area.ParentCode))
            if (area.Level == level) return area;
        return null;
    }

    public IEnumerable<AdministrativeArea> Villages => _byCode.Values.Where(a => a.Level == AdministrativeLevel.Village);
}
