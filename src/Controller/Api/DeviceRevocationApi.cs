using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Devices;

namespace InfoRadio.Controller.Api;

/// <summary>
/// POST /api/devices/{id}/revoke (technician or admin): the device is cut off at once and refused whatever secret it
/// presents; POST /api/devices/{id}/reinstate (admin only): lifts it with a new secret, shown once. Both audited.
/// </summary>
public static class DeviceRevocationApi
{
    public sealed record RevokeBody(string? Reason);

    public sealed record ReinstatedDevice(string Id, string Secret);

    public static IEndpointRouteBuilder MapDeviceRevocationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/devices").WithTags("Devices");
        group.MapPost("/{id}/revoke", (string id, RevokeBody? body, HttpContext http, DeviceRegistry registry) =>
        {
            try
            {
                var view = registry.Revoke(id, http.User.UserName(), body?.Reason);
                http.Audit("device.revoke", id, true, view.Revocation?.Reason);
                return Results.Ok(view);
            }
            catch (DeviceRegistrationException ex)
            {
                http.Audit("device.revoke", id, false, ex.Message);
                return ex.Error == DeviceRegistrationError.NotFound ? ApiProblems.NotFound(ex.Message) : ApiProblems.BadRequest(ex.Message);
            }
        }).RequireAuthorization(AccountPolicies.Install).DeviceHiddenOutsideScope();

        group.MapPost("/{id}/reinstate", (string id, HttpContext http, DeviceRegistry registry) =>
        {
            try
            {
                var registration = registry.Reinstate(id, http.User.UserName());
                http.Audit("device.reinstate", id, true, "new secret issued");
                // The new secret is shown this once; only its hash is kept.
                return Results.Ok(new ReinstatedDevice(registration.Id, registration.Secret));
            }
            catch (DeviceRegistrationException ex)
            {
                http.Audit("device.reinstate", id, false, ex.Message);
                return ex.Error switch
                {
                    DeviceRegistrationError.NotFound => ApiProblems.NotFound(ex.Message),
                    DeviceRegistrationError.NotRevoked => ApiProblems.Conflict(ex.Message),
                    _ => ApiProblems.BadRequest(ex.Message),
                };
            }
        }).RequireAuthorization(p => p.RequireRole(AccountRoles.Admin)).DeviceHiddenOutsideScope();
        return app;
    }
}
