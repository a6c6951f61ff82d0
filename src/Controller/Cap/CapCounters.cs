using System.Diagnostics.Metrics;

namespace InfoRadio.Controller.Cap;

/// <summary>Counters of CAP ingest, published on the "InfoRadio.Controller.Cap" meter.</summary>
public static class CapCounters
{
    private static readonly Meter Meter = new("InfoRadio.Controller.Cap");

    public static readonly Counter<long> Accepted = Meter.CreateCounter<long>("inforadio.cap.accepted");
    public static readonly Counter<long> Refused = Meter.CreateCounter<long>("inforadio.cap.refused");
    public static readonly Counter<long> Duplicates = Meter.CreateCounter<long>("inforadio.cap.duplicates");
    public static readonly Counter<long> Aired = Meter.CreateCounter<long>("inforadio.cap.aired");
    public static readonly Counter<long> Failed = Meter.CreateCounter<long>("inforadio.cap.failed");
}
