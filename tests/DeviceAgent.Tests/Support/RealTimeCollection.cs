namespace InfoRadio.DeviceAgent.Tests.Support;

/// <summary>
/// Tests on real time and real sockets run alone, after the parallel ones: on a 2-core box a CPU-heavy neighbour
/// (Opus encoding, the fake-clock playout tests) would otherwise delay a paced stream past its deadline.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeCollection
{
    public const string Name = "real time";
}
