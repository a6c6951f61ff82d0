using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.Controller.Targets;

namespace InfoRadio.Controller.Api;

/// <summary>/api/zones (named, possibly overlapping sets of devices) and PUT /api/devices/{id}/placement.</summary>
public static class ZonesApi
{
    public sealed record ZoneBody(string? Id, string? Name);

    public sealed record ZoneView(string Id, string Name, IReadOnlyList<string> Devices);

    public sealed record PlacementBody(string? Village, string[]? Zones);

    public static IEndpointRouteBuilder MapZonesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/zones").WithTags("Targets").RequireAuthorization(AccountPolicies.Read);
        group.MapGet("/", (TargetDirectory directory, DeviceRegistry registry) => directory.Zones().Select(z => View(z, registry)));
        group.MapGet("/{id}", (string id, TargetDirectory directory, DeviceRegistry registry) =>
            directory.FindZone(id) is { } z ? Results.Ok(View(z, registry)) : ApiProblems.NotFound($"no zone with id '{id}'"));
        group.MapPost("/", (HttpContext http, TargetDirectory directory, DeviceRegistry registry) =>
            ApiGuard.WithBodyAsync<ZoneBody>(http.Request, http.Log(typeof(ZonesApi)), body =>
            {
                if (body.Id is { } id && directory.FindZone(id) is not null) throw new CatalogConflictException($"zone '{id}' exists already (PUT /api/zones/{id} renames it)");
                var zone = new Zone(body.Id ?? "", body.Name ?? "");
                directory.PutZone(zone);
                return Results.Created($"/api/zones/{zone.Id}", View(directory.FindZone(zone.Id)!, registry));
            })).RequireAuthorization(AccountPolicies.Install);
        group.MapPut("/{id}", (string id, HttpContext http, TargetDirectory directory, DeviceRegistry registry) =>
            ApiGuard.WithBodyAsync<ZoneBody>(http.Request, http.Log(typeof(ZonesApi)), body =>
            {
                if (body.Id is not null && body.Id != id) throw new Scheduling.SchedulingException("the body's 'id' differs from the URL's");
                var added = directory.PutZone(new Zone(id, body.Name ?? ""));
                var view = View(directory.FindZone(id)!, registry);
                return added ? Results.Created($"/api/zones/{id}", view) : Results.Ok(view);
            })).RequireAuthorization(AccountPolicies.Install);
        group.MapDelete("/{id}", (string id, HttpContext http, TargetDirectory directory, LiteDbSchedulingCatalog catalog) =>
            ApiGuard.Run(http.Log(typeof(ZonesApi)), () => directory.DeleteZone(id, catalog.Schedules)
                ? Results.NoContent()
                : ApiProblems.NotFound($"no zone with id '{id}'"))).RequireAuthorization(AccountPolicies.Install);

        app.MapPut("/api/devices/{id}/placement", (string id, HttpContext http, TargetDirectory directory, DeviceRegistry registry) =>
            ApiGuard.WithBodyAsync<PlacementBody>(http.Request, http.Log(typeof(ZonesApi)), body =>
                directory.Place(id, string.IsNullOrWhiteSpace(body.Village) ? null : body.Village, body.Zones ?? [])
                    ? Results.Ok(registry.Find(id))
                    : ApiProblems.NotFound($"no speaker with id '{id}'")))
            .WithTags("Devices").RequireAuthorization(AccountPolicies.Install);
        return app;
    }

    private static ZoneView View(Zone z, DeviceRegistry registry) =>
        new(z.Id, z.Name, registry.List().Where(d => d.Zones.Contains(z.Id)).Select(d => d.Id).ToArray());
}
