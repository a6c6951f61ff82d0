namespace InfoRadio.Controller.Scheduling;

/// <summary>One entry of a <see cref="TargetSet"/>: a device, a zone or an administrative area.</summary>
public readonly record struct TargetRef(TargetKind Kind, string Id)
{
    public static TargetRef Device(string id) => new(TargetKind.Device, id);
    public static TargetRef Zone(string id) => new(TargetKind.Zone, id);
    public static TargetRef Area(string code) => new(TargetKind.Area, code);

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Id}";
}
