using InfoRadio.Controller.Messaging;

namespace InfoRadio.Controller.Api;

/// <summary>
/// /healthz: up, whether the controller's own link to the broker is connected, and the device events received and
/// recognised as redeliveries (ignored) since start.
/// </summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (ControllerBus bus, BusCounters counters) => bus.IsConnected
            ? Results.Ok(new { status = "ok", broker = "connected", eventsReceived = counters.EventsReceived, eventsDuplicate = counters.EventsDuplicate })
            : Results.Json(new { status = "degraded", broker = "disconnected", eventsReceived = counters.EventsReceived, eventsDuplicate = counters.EventsDuplicate },
                statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithTags("Health").AllowAnonymous();
        return app;
    }
}
