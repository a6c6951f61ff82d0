namespace InfoRadio.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Tests that assert when speakers sound (a chime's position, two clocks in step, a relay's or an arbitration's start
/// within a tolerance) run alone, after the parallel ones: on a 2-core box a neighbouring test's Opus encoding or
/// browser would otherwise delay a paced stream past the tolerance the test asserts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeCollection
{
    public const string Name = "real time";
}
