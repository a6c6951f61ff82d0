using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Targets;

/// <summary>
/// The part of the administrative tree a user may see and target: the areas the user is limited to and everything
/// under them, found by walking parent links up from a code. No area means the whole system (<see cref="Unlimited"/>);
/// then an unplaced device is covered too, which it never is for a limited user (nobody placed it in their area).
/// Pure: the tree is read through <see cref="ITargetDirectory.FindArea"/> at each question, so an area imported later
/// is covered at once. Not thread-safe (it caches answers): build one per request.
/// </summary>
public sealed class AreaScope
{
    /// <summary>Deeper than any real tree; stops a corrupt parent cycle from looping.</summary>
    private const int MaxTreeDepth = 16;

    private readonly HashSet<string> _areas;
    private readonly Func<string, AdministrativeArea?> _findArea;
    private readonly Dictionary<string, bool> _covered = new(StringComparer.Ordinal);

    private AreaScope(IEnumerable<string> areas, Func<string, AdministrativeArea?> findArea)
    {
        _areas = new HashSet<string>(areas, StringComparer.Ordinal);
        _findArea = findArea;
        AreaCodes = _areas.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The whole system: every area and every device, placed or not.</summary>
    public static AreaScope Unlimited { get; } = new([], _ => null);

    /// <summary>The scope of a user limited to <paramref name="areaCodes"/>; none gives <see cref="Unlimited"/>.</summary>
    public static AreaScope Of(IEnumerable<string> areaCodes, ITargetDirectory directory) => Of(areaCodes, directory.FindArea);

    public static AreaScope Of(IEnumerable<string> areaCodes, Func<string, AdministrativeArea?> findArea)
    {
        var codes = areaCodes.Where(c => !string.IsNullOrWhiteSpace(c)).ToArray();
        return codes.Length == 0 ? Unlimited : new AreaScope(codes, findArea);
    }

    public bool IsUnlimited => _areas.Count == 0;

    /// <summary>The codes the scope is limited to, in ordinal order; empty when unlimited.</summary>
    public IReadOnlyList<string> AreaCodes { get; }

    /// <summary>
    /// Whether <paramref name="areaCode"/> is one of the scope's areas or lies under one. An area above them (the
    /// district of a commune user) is not covered: targeting it would reach other communes.
    /// </summary>
    public bool Covers(string? areaCode)
    {
        if (IsUnlimited) return true;
        if (areaCode is null) return false;
        if (_covered.TryGetValue(areaCode, out var known)) return known;
        var covered = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? code = areaCode;
        for (var depth = 0; code is not null && depth < MaxTreeDepth && seen.Add(code); depth++)
        {
            if (_areas.Contains(code)) { covered = true; break; }
            code = _findArea(code)?.ParentCode;
        }
        _covered[areaCode] = covered;
        return covered;
    }

    /// <summary>Whether a device standing in <paramref name="villageCode"/> (null: not placed) is in scope.</summary>
    public bool CoversVillage(string? villageCode) => IsUnlimited || (villageCode is not null && Covers(villageCode));

    public bool CoversDevice(DevicePlacement placement) => CoversVillage(placement.VillageCode);

    /// <summary>
    /// Whether some of the scope lies under <paramref name="areaCode"/> (a commune user and their district): such an
    /// area is shown as a path to the user's own areas but may not be targeted.
    /// </summary>
    public bool IsAncestorOfScope(string areaCode)
    {
        if (IsUnlimited) return false;
        foreach (var own in _areas)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var code = _findArea(own)?.ParentCode; code is not null && seen.Count < MaxTreeDepth && seen.Add(code); code = _findArea(code)?.ParentCode)
                if (code == areaCode) return true;
        }
        return false;
    }

    public override string ToString() => IsUnlimited ? "everywhere" : string.Join(", ", AreaCodes);
}
