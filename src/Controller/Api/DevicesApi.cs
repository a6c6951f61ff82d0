using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Targets;

namespace InfoRadio.Controller.Api;

/// <summary>/api/devices: the speaker registry. Reading needs a signed-in user, registering a technician or an admin.</summary>
public static class DevicesApi
{
    /// <summary>A new speaker; <c>village</c> (official code) and <c>zones</c> place it at once.</summary>
    public sealed record RegisterDeviceBody(string? Id, string? Name, string? Village = null, string[]? Zones = null);

    public sealed record RegisteredDevice(string Id, string Secret);

    public static RouteGroupBuilder MapDevicesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/devices").WithTags("Devices");
        group.MapGet("/", (HttpContext http, DeviceRegistry registry) => registry.List().Where(http.Scope().Sees)).RequireAuthorization(AccountPolicies.Read);
        group.MapGet("/{id}", (string id, DeviceRegistry registry) =>
            registry.Find(id) is { } device ? Results.Ok(device) : ApiProblems.NotFound($"no speaker with id '{id}'"))
            .RequireAuthorization(AccountPolicies.Read).DeviceHiddenOutsideScope();
        group.MapPost("/", (RegisterDeviceBody? body, HttpContext http, DeviceRegistry registry, TargetDirectory directory) =>
        {
            if (body?.Id is null)
            {
                http.Audit("device.register", "-", false, "no id");
                return ApiProblems.BadRequest("the body must be JSON with an 'id' (and optionally a 'name', 'village' and 'zones')");
            }
            var village = string.IsNullOrWhiteSpace(body.Village) ? null : body.Village;
            // A limited technician registers speakers into their own villages only: an unplaced one would vanish from their view.
            if (!http.Scope().CoversVillage(village))
            {
                http.Audit("device.register", body.Id, false, $"village {village ?? "-"} is outside the user's areas");
                throw new OutsideScopeException([village is null ? "no village (a speaker of yours must stand in one of your villages)" : $"village {village}"], http.Scope());
            }
            if (directory.CheckPlacement(village, body.Zones ?? []) is { } placement)
            {
                http.Audit("device.register", body.Id, false, placement);
                return ApiProblems.BadRequest(placement);
            }
            try
            {
                var registration = registry.Register(body.Id, body.Name);
                if (village is not null || body.Zones is { Length: > 0 }) registry.SetPlacement(body.Id, village, body.Zones ?? []);
                http.Audit("device.register", registration.Id, true, $"village {village ?? "-"}, zones {string.Join(";", body.Zones ?? [])}");
                // The secret is shown this once; only its hash is kept.
                return Results.Created($"/api/devices/{registration.Id}", new RegisteredDevice(registration.Id, registration.Secret));
            }
            catch (DeviceRegistrationException ex)
            {
                http.Audit("device.register", body.Id, false, ex.Message);
                return ex.Error == DeviceRegistrationError.Duplicate ? ApiProblems.Conflict(ex.Message) : ApiProblems.BadRequest(ex.Message);
            }
        }).RequireAuthorization(AccountPolicies.Install);
        return group;
    }
}
