using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.DeviceSettings;

namespace InfoRadio.Controller.Api;

/// <summary>
/// /api/devices/{id}/config and /api/zones/{id}/config: a device's pushed settings (protocol section 8.7). PUT takes
/// any subset of the fields, gives each device changed its next version and pushes it at once; every change, and
/// every refused one, is audited.
/// </summary>
public static class DeviceConfigApi
{
    public sealed record ZoneConfigView(string Zone, IReadOnlyList<DeviceConfigView> Devices);

    public static IEndpointRouteBuilder MapDeviceConfigApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/devices/{id}/config", (string id, DeviceConfigService configs) =>
                configs.Get(id) is { } view ? Results.Ok(view) : ApiProblems.NotFound($"no speaker with id '{id}'"))
            .WithTags("Devices").RequireAuthorization(AccountPolicies.Read).DeviceHiddenOutsideScope();

        app.MapPut("/api/devices/{id}/config", async (string id, HttpContext http, DeviceConfigService configs) =>
            {
                var log = http.Log(typeof(DeviceConfigApi));
                var (patch, problem) = await ApiBody.ReadAsync<DeviceConfigPatch>(http.Request, log, http.RequestAborted);
                if (problem is not null)
                {
                    http.Audit("device.config", id, succeeded: false, "unreadable body");
                    return problem;
                }
                try
                {
                    var view = await configs.UpdateAsync(id, patch!, http.RequestAborted);
                    http.Audit("device.config", id, succeeded: true, Describe(view.Version, patch!));
                    return Results.Ok(view);
                }
                catch (KeyNotFoundException ex)
                {
                    http.Audit("device.config", id, succeeded: false, ex.Message);
                    return ApiProblems.NotFound(ex.Message);
                }
                catch (DeviceConfigException ex)
                {
                    http.Audit("device.config", id, succeeded: false, ex.Message);
                    return ApiBody.Invalid(log, ex.Message);
                }
            })
            .WithTags("Devices").RequireAuthorization(AccountPolicies.Install).DeviceHiddenOutsideScope();

        app.MapPut("/api/zones/{id}/config", async (string id, HttpContext http, DeviceConfigService configs) =>
            {
                var log = http.Log(typeof(DeviceConfigApi));
                var (patch, problem) = await ApiBody.ReadAsync<DeviceConfigPatch>(http.Request, log, http.RequestAborted);
                if (problem is not null)
                {
                    http.Audit("zone.config", id, succeeded: false, "unreadable body");
                    return problem;
                }
                try
                {
                    var views = await configs.UpdateZoneAsync(id, patch!, http.RequestAborted);
                    http.Audit("zone.config", id, succeeded: true, $"{views.Count} devices; " + Describe(null, patch!));
                    return Results.Ok(new ZoneConfigView(id, views));
                }
                catch (KeyNotFoundException ex)
                {
                    http.Audit("zone.config", id, succeeded: false, ex.Message);
                    return ApiProblems.NotFound(ex.Message);
                }
                catch (DeviceConfigException ex)
                {
                    http.Audit("zone.config", id, succeeded: false, ex.Message);
                    return ApiBody.Invalid(log, ex.Message);
                }
            })
            .WithTags("Targets").RequireAuthorization(AccountPolicies.Install).ZoneHiddenOutsideScope().AddEndpointFilter(async (context, next) =>
            {
                // Settings pushed to a zone reach every speaker in it: all of them must be the user's.
                var http = context.HttpContext;
                var id = (string)http.Request.RouteValues["id"]!;
                var directory = http.RequestServices.GetRequiredService<Targets.TargetDirectory>();
                if (directory.FindZone(id) is not null) http.Targets().Check(Scheduling.TargetSet.Of(zones: [id]));
                return await next(context);
            });
        return app;
    }

    /// <summary>What changed, for the audit trail: the fields sent and their new values.</summary>
    private static string Describe(long? version, DeviceConfigPatch patch)
    {
        var parts = new List<string>();
        if (version is { } v) parts.Add($"version {v}");
        if (patch.Volume is { } volume) parts.Add($"volume={volume}");
        if (patch.EmergencyVolume is { } emergency) parts.Add($"emergencyVolume={emergency}");
        if (patch.ClearEmergencyVolume == true) parts.Add("emergencyVolume=none");
        if (patch.TelemetryIntervalS is { } telemetry) parts.Add($"telemetryIntervalS={telemetry}");
        if (patch.LatencyProfile is { } profile) parts.Add($"latencyProfile={profile}");
        if (patch.Relays is { } r)
        {
            if (r.PowerOnDelayMs is { } a) parts.Add($"powerOnDelayMs={a}");
            if (r.AmplifierOnDelayMs is { } b) parts.Add($"amplifierOnDelayMs={b}");
            if (r.AmplifierOffDelayMs is { } c) parts.Add($"amplifierOffDelayMs={c}");
            if (r.PowerOffDelayMs is { } d) parts.Add($"powerOffDelayMs={d}");
        }
        return string.Join(", ", parts);
    }
}
