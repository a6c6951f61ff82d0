using InfoRadio.Controller.Broker;
using InfoRadio.Controller.Messaging;

namespace InfoRadio.Controller.Api;

/// <summary>
/// /healthz: up, whether the controller's own link to the broker is connected, and the device events received and
/// recognised as redeliveries (ignored) since start, and the messages the embedded broker dropped from a slow reader's
/// full queue (always 0 with an external broker, whose own figures tell).
/// </summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (ControllerBus bus, BusCounters counters, BrokerCounters broker) =>
            {
                var connected = bus.IsConnected;
                return Results.Json(new
                    {
                        status = connected ? "ok" : "degraded",
                        broker = connected ? "connected" : "disconnected",
                        eventsReceived = counters.EventsReceived,
                        eventsDuplicate = counters.EventsDuplicate,
                        brokerQueueOverflows = broker.QueueOverflows,
                        brokerStaleAudioNotSent = broker.StaleAudioNotSent,
                    },
                    statusCode: connected ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
            })
            .WithTags("Health").AllowAnonymous();
        return app;
    }
}
