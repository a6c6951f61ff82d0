using System.Diagnostics.Metrics;

namespace InfoRadio.Controller.Api;

/// <summary>Counters of the HTTP API, published on the "InfoRadio.Controller.Api" meter.</summary>
public static class ApiCounters
{
    private static readonly Meter Meter = new("InfoRadio.Controller.Api");

    public static readonly Counter<long> RejectedRequests = Meter.CreateCounter<long>("inforadio.api.rejected_requests");
}
