using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Reports;

/// <summary>
/// Which villages a report covers: the asker's area codes (<c>ClaimsPrincipal.AreaCodes()</c>; none = the whole
/// system) narrowed by the report's optional <c>area</c>. A device is in scope when its village lies in (or under)
/// those codes; an unplaced device only for an unlimited asker who named no area. This is the reports' own small
/// scope check, built on the target directory's tree, until the shared area-scope checker (branch i7-scope) lands.
/// </summary>
public sealed class ReportScope
{
    private ReportScope(IReadOnlySet<string>? villages) => Villages = villages;

    /// <summary>Null: everything, unplaced devices included.</summary>
    public IReadOnlySet<string>? Villages { get; }

    public bool Includes(ReportDevice device) => Villages is null || (device.VillageCode is { } v && Villages.Contains(v));

    /// <summary>The scope of a user limited to <paramref name="userAreas"/> asking for <paramref name="area"/>.</summary>
    /// <exception cref="ReportScopeException">The area is unknown, or outside the user's areas.</exception>
    public static ReportScope Of(IReadOnlyCollection<string> userAreas, string? area, ReportAreas tree)
    {
        ArgumentNullException.ThrowIfNull(userAreas);
        ArgumentNullException.ThrowIfNull(tree);
        IReadOnlyCollection<string>? codes = userAreas.Count > 0 ? userAreas : null;
        if (!string.IsNullOrEmpty(area))
        {
            if (tree.Find(area) is null) throw new ReportScopeException(ReportScopeProblem.UnknownArea, $"no area with code '{area}'");
            if (codes is not null && !tree.IsUnder(area, codes))
                throw new ReportScopeException(ReportScopeProblem.OutsideScope, $"area '{area}' is outside your areas ({string.Join(", ", codes)})");
            codes = [area];
        }
        if (codes is null) return new ReportScope(null);
        var villages = tree.Villages.Where(v => tree.IsUnder(v.Code, codes)).Select(v => v.Code).ToHashSet(StringComparer.Ordinal);
        // A user limited to a village code that is not in the tree as a village still sees that village's devices.
        foreach (var code in codes.Where(c => tree.Find(c) is null or { Level: AdministrativeLevel.Village })) villages.Add(code);
        return new ReportScope(villages);
    }
}

public enum ReportScopeProblem
{
    UnknownArea,
    OutsideScope,
}

public sealed class ReportScopeException(ReportScopeProblem problem, string message) : Exception(message)
{
    public ReportScopeProblem Problem { get; } = problem;
}
