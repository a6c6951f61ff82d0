using InfoRadio.Protocol;

namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// Who a schedule is for: devices by id, zones by id (named sets that may overlap) and administrative areas by
/// official code (province, district, commune or village). A device is targeted when any of the three names it.
/// </summary>
public sealed record TargetSet
{
    public const int MaxEntries = 10_000;

    public IReadOnlyList<string> Devices { get; init; } = [];
    public IReadOnlyList<string> Zones { get; init; } = [];
    public IReadOnlyList<string> Areas { get; init; } = [];

    public bool IsEmpty => Devices.Count == 0 && Zones.Count == 0 && Areas.Count == 0;

    /// <summary>A target set with each list without duplicates and in ordinal order, so equal sets print alike.</summary>
    public static TargetSet Of(IEnumerable<string>? devices = null, IEnumerable<string>? zones = null, IEnumerable<string>? areas = null) => new()
    {
        Devices = Normalize(devices),
        Zones = Normalize(zones),
        Areas = Normalize(areas),
    };

    /// <summary>Every target with its kind, in a stable order.</summary>
    public IEnumerable<TargetRef> Refs() =>
        Devices.Select(TargetRef.Device).Concat(Zones.Select(TargetRef.Zone)).Concat(Areas.Select(TargetRef.Area));

    public string? Validate()
    {
        if (IsEmpty) return "no targets: name at least one device, zone or area";
        if (Devices.Count + Zones.Count + Areas.Count > MaxEntries) return $"more than {MaxEntries} targets";
        return Devices.Select(d => Identifiers.Check(d, "device id")).FirstOrDefault(e => e is not null)
            ?? Zones.Select(z => Identifiers.Check(z, "zone id")).FirstOrDefault(e => e is not null)
            ?? Areas.Select(a => Identifiers.Check(a, "area code")).FirstOrDefault(e => e is not null);
    }

    public bool Equals(TargetSet? other) =>
        other is not null && Devices.SequenceEqual(other.Devices) && Zones.SequenceEqual(other.Zones) && Areas.SequenceEqual(other.Areas);

    public override int GetHashCode() => HashCode.Combine(Devices.Count, Zones.Count, Areas.Count);

    private static string[] Normalize(IEnumerable<string>? ids) =>
        ids is null ? [] : ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
}
