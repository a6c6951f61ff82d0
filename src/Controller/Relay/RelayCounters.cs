using System.Diagnostics.Metrics;

namespace InfoRadio.Controller.Relay;

/// <summary>Counters of stream relays, published on the "InfoRadio.Controller.Relay" meter.</summary>
public static class RelayCounters
{
    private static readonly Meter Meter = new("InfoRadio.Controller.Relay");

    public static readonly Counter<long> Connections = Meter.CreateCounter<long>("inforadio.relay.connections");
    /// <summary>Connections that failed or were dropped as dead or silent.</summary>
    public static readonly Counter<long> SourceFailures = Meter.CreateCounter<long>("inforadio.relay.source_failures");
    public static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>("inforadio.relay.fallbacks");
    public static readonly Counter<long> Recoveries = Meter.CreateCounter<long>("inforadio.relay.recoveries");
    /// <summary>Samples of silence aired because the source had nothing by the time the sender needed it.</summary>
    public static readonly Counter<long> FilledSamples = Meter.CreateCounter<long>("inforadio.relay.filled_samples");
}
