namespace InfoRadio.Controller.Tests.Scheduling;

/// <summary>
/// Test classes that use Ical.Net run one after another: one of them swaps Ical.Net's global time-zone resolver to
/// prove nothing depends on it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class IcalNetCollection
{
    public const string Name = "Ical.Net global state";
}
