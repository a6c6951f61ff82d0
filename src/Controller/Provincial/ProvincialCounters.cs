using System.Diagnostics.Metrics;

namespace InfoRadio.Controller.Provincial;

/// <summary>Counters of the provincial link, on the "InfoRadio.Controller.Provincial" meter.</summary>
public static class ProvincialCounters
{
    private static readonly Meter Meter = new("InfoRadio.Controller.Provincial");

    public static readonly Counter<long> Enqueued = Meter.CreateCounter<long>("inforadio.provincial.outbox.enqueued");
    public static readonly Counter<long> Delivered = Meter.CreateCounter<long>("inforadio.provincial.outbox.delivered");
    public static readonly Counter<long> Failures = Meter.CreateCounter<long>("inforadio.provincial.outbox.failures");
    public static readonly Counter<long> Dead = Meter.CreateCounter<long>("inforadio.provincial.outbox.dead");
    public static readonly Counter<long> BulletinsAccepted = Meter.CreateCounter<long>("inforadio.provincial.bulletins.accepted");
    public static readonly Counter<long> BulletinsRefused = Meter.CreateCounter<long>("inforadio.provincial.bulletins.refused");
    public static readonly Counter<long> BulletinsDuplicate = Meter.CreateCounter<long>("inforadio.provincial.bulletins.duplicate");
}
