namespace InfoRadio.Controller.Targets;

/// <summary>
/// A user limited to areas asked for something outside them (a device, zone or area): answered 403 with the problem
/// reason <c>outside-scope</c> and the list of what is outside.
/// </summary>
public sealed class OutsideScopeException(IReadOnlyList<string> outside, AreaScope scope)
    : Exception($"outside your areas ({scope}): {string.Join(", ", outside.Take(20))}{(outside.Count > 20 ? $" and {outside.Count - 20} more" : "")}")
{
    public IReadOnlyList<string> Outside { get; } = outside;
}
