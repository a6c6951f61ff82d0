using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Devices;

namespace InfoRadio.Controller.Api;

/// <summary>
/// PUT and DELETE /api/devices/{id}/position: a technician's surveyed position of a speaker cluster, which CAP
/// polygons and circles are matched against (it wins over the GPS fix the device reports in telemetry).
/// </summary>
public static class DevicePositionApi
{
    public sealed record PositionBody(double? Latitude, double? Longitude);

    public static IEndpointRouteBuilder MapDevicePositionApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/devices/{id}/position", (string id, HttpContext http, DeviceRegistry registry) =>
            ApiGuard.WithBodyAsync<PositionBody>(http.Request, http.Log(typeof(DevicePositionApi)), body =>
            {
                if (body is not { Latitude: { } lat, Longitude: { } lon } || !new DevicePosition(lat, lon, DevicePosition.Surveyed).IsValid)
                    return ApiBody.Invalid(http.Log(typeof(DevicePositionApi)), "give 'latitude' (−90 to 90) and 'longitude' (−180 to 180) in decimal degrees");
                return registry.SetSurveyedPosition(id, lat, lon) ? Results.Ok(registry.Find(id)) : ApiProblems.NotFound($"no speaker with id '{id}'");
            })).WithTags("Devices").RequireAuthorization(AccountPolicies.Install).DeviceHiddenOutsideScope();
        app.MapDelete("/api/devices/{id}/position", (string id, DeviceRegistry registry) =>
                registry.SetSurveyedPosition(id, null, null) ? Results.Ok(registry.Find(id)) : ApiProblems.NotFound($"no speaker with id '{id}'"))
            .WithTags("Devices").RequireAuthorization(AccountPolicies.Install).DeviceHiddenOutsideScope();
        return app;
    }
}
