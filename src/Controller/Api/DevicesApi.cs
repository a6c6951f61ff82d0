using InfoRadio.Controller.Devices;

namespace InfoRadio.Controller.Api;

/// <summary>/api/devices: the speaker registry.</summary>
public static class DevicesApi
{
    public sealed record RegisterDeviceBody(string? Id, string? Name);

    public sealed record RegisteredDevice(string Id, string Secret);

    public static RouteGroupBuilder MapDevicesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/devices").WithTags("Devices");
        group.MapGet("/", (DeviceRegistry registry) => registry.List());
        group.MapGet("/{id}", (string id, DeviceRegistry registry) =>
            registry.Find(id) is { } device ? Results.Ok(device) : ApiProblems.NotFound($"no speaker with id '{id}'"));
        group.MapPost("/", (RegisterDeviceBody? body, DeviceRegistry registry) =>
        {
            if (body?.Id is null) return ApiProblems.BadRequest("the body must be JSON with an 'id' (and optionally a 'name')");
            try
            {
                var registration = registry.Register(body.Id, body.Name);
                // The secret is shown this once; only its hash is kept.
                return Results.Created($"/api/devices/{registration.Id}", new RegisteredDevice(registration.Id, registration.Secret));
            }
            catch (DeviceRegistrationException ex)
            {
                return ex.Error == DeviceRegistrationError.Duplicate ? ApiProblems.Conflict(ex.Message) : ApiProblems.BadRequest(ex.Message);
            }
        });
        return group;
    }
}
