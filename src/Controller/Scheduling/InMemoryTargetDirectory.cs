namespace InfoRadio.Controller.Scheduling;

/// <summary>An immutable <see cref="ITargetDirectory"/> built from lists.</summary>
public sealed class InMemoryTargetDirectory : ITargetDirectory
{
    private readonly Dictionary<string, AdministrativeArea> _areas;
    private readonly HashSet<string> _zones;

    public InMemoryTargetDirectory(IEnumerable<DevicePlacement> devices, IEnumerable<string> zones, IEnumerable<AdministrativeArea> areas)
    {
        Devices = devices.ToArray();
        _zones = new HashSet<string>(zones, StringComparer.Ordinal);
        foreach (var d in Devices) _zones.UnionWith(d.Zones);
        _areas = new Dictionary<string, AdministrativeArea>(StringComparer.Ordinal);
        foreach (var a in areas)
            if (!_areas.TryAdd(a.Code, a)) throw new ArgumentException($"area code {a.Code} appears twice", nameof(areas));
    }

    public IReadOnlyCollection<DevicePlacement> Devices { get; }

    public bool ZoneExists(string zoneId) => _zones.Contains(zoneId);

    public AdministrativeArea? FindArea(string code) => _areas.GetValueOrDefault(code);
}
