using InfoRadio.Controller.Targets;

namespace InfoRadio.Controller.Reports;

/// <summary>
/// Which villages a report covers: the asker's area codes (<c>ClaimsPrincipal.AreaCodes()</c>; none = the whole
/// system) narrowed by the report's optional <c>area</c>, which must lie inside them. Coverage is the consoles' own
/// <see cref="AreaScope"/>: a device is in scope when its village lies in (or under) the codes; an unplaced device
/// only for an unlimited asker who named no area.
/// </summary>
public sealed class ReportScope
{
    private readonly AreaScope _areas;

    private ReportScope(AreaScope areas, IReadOnlySet<string>? villages)
    {
        _areas = areas;
        Villages = villages;
    }

    /// <summary>The tree's villages in scope, for the KPI report; null: everything, unplaced devices included.</summary>
    public IReadOnlySet<string>? Villages { get; }

    public bool Includes(ReportDevice device) => _areas.CoversVillage(device.VillageCode);

    /// <summary>The scope of a user limited to <paramref name="userAreas"/> asking for <paramref name="area"/>.</summary>
    /// <exception cref="ReportScopeException">The area is unknown, or outside the user's areas.</exception>
    public static ReportScope Of(IReadOnlyCollection<string> userAreas, string? area, ReportAreas tree)
    {
        ArgumentNullException.ThrowIfNull(userAreas);
        ArgumentNullException.ThrowIfNull(tree);
        var scope = AreaScope.Of(userAreas, tree.Find);
        if (!string.IsNullOrEmpty(area))
        {
            if (tree.Find(area) is null) throw new ReportScopeException(ReportScopeProblem.UnknownArea, $"no area with code '{area}'");
            if (!scope.Covers(area))
                throw new ReportScopeException(ReportScopeProblem.OutsideScope, $"area '{area}' is outside your areas ({scope})");
            scope = AreaScope.Of([area], tree.Find);
        }
        if (scope.IsUnlimited) return new ReportScope(scope, null);
        var villages = tree.Villages.Where(v => scope.Covers(v.Code)).Select(v => v.Code).ToHashSet(StringComparer.Ordinal);
        return new ReportScope(scope, villages);
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
