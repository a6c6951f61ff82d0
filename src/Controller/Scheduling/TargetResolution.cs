namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// The devices a <see cref="TargetSet"/> reaches, which devices each of its entries reaches, and the entries that
/// name nothing known (an unknown device, zone or area code is a mistake to report, not to ignore).
/// </summary>
public sealed record TargetResolution(
    IReadOnlyList<string> DeviceIds,
    IReadOnlyDictionary<TargetRef, IReadOnlyList<string>> ByTarget,
    IReadOnlyList<TargetRef> Unknown)
{
    public bool IsComplete => Unknown.Count == 0;
}
