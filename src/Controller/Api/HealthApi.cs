using InfoRadio.Controller.Messaging;

namespace InfoRadio.Controller.Api;

/// <summary>/healthz: up, and whether the controller's own link to the broker is connected.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (ControllerBus bus) => bus.IsConnected
            ? Results.Ok(new { status = "ok", broker = "connected" })
            : Results.Json(new { status = "degraded", broker = "disconnected" }, statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithTags("Health").AllowAnonymous();
        return app;
    }
}
