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
        group.MapGet("/", (HttpContext http, TargetDirectory directory, DeviceRegistry registry) =>
            directory.Zones().Where(z => http.SeesZone(z.Id)).Select(z => View(z, registry, http.Scope())));
        group.MapGet("/{id}", (string id, HttpContext http, TargetDirectory directory, DeviceRegistry registry) =>
            directory.FindZone(id) is { } z ? Results.Ok(View(z, registry, http.Scope())) : ApiProblems.NotFound($"no zone with id '{id}'")).ZoneHiddenOutsideScope();
        group.MapPost("/", (HttpContext http, TargetDirectory directory, DeviceRegistry registry) =>
            ApiGuard.WithBodyAsync<ZoneBody>(http.Request, http.Log(typeof(ZonesApi)), body =>
            {
                if (body.Id is { } id && directory.FindZone(id) is not null) throw new CatalogConflictException($"zone '{id}' exists already (PUT /api/zones/{id} renames it)");
                var zone = new Zone(body.Id ?? "", body.Name ?? "");
                directory.PutZone(zone);
                return Results.Created($"/api/zones/{zone.Id}", View(directory.FindZone(zone.Id)!, registry, http.Scope()));
            })).RequireAuthorization(AccountPolicies.Install);
        group.MapPut("/{id}", (string id, HttpContext http, TargetDirectory directory, DeviceRegistry registry) =>
            ApiGuard.WithBodyAsync<ZoneBody>(http.Request, http.Log(typeof(ZonesApi)), body =>
            {
                if (body.Id is not null && body.Id != id) throw new Scheduling.SchedulingException("the body's 'id' differs from the URL's");
                HoldsZone(http, directory, id);
                var added = directory.PutZone(new Zone(id, body.Name ?? ""));
                var view = View(directory.FindZone(id)!, registry, http.Scope());
                return added ? Results.Created($"/api/zones/{id}", view) : Results.Ok(view);
            })).RequireAuthorization(AccountPolicies.Install).ZoneHiddenOutsideScope();
        group.MapDelete("/{id}", (string id, HttpContext http, TargetDirectory directory, LiteDbSchedulingCatalog catalog) =>
            ApiGuard.Run(http.Log(typeof(ZonesApi)), () =>
            {
                HoldsZone(http, directory, id);
                return directory.DeleteZone(id, catalog.Schedules) ? Results.NoContent() : ApiProblems.NotFound($"no zone with id '{id}'");
            })).RequireAuthorization(AccountPolicies.Install).ZoneHiddenOutsideScope();

        app.MapPut("/api/devices/{id}/placement", (string id, HttpContext http, TargetDirectory directory, DeviceRegistry registry) =>
            ApiGuard.WithBodyAsync<PlacementBody>(http.Request, http.Log(typeof(ZonesApi)), body =>
            {
                var village = string.IsNullOrWhiteSpace(body.Village) ? null : body.Village;
                // A limited technician keeps their speakers in their villages (an unplaced one would vanish from their
                // view) and in zones that are theirs alone.
                if (!http.Scope().CoversVillage(village))
                    throw new OutsideScopeException([village is null ? "no village (a speaker of yours must stand in one of your villages)" : $"village {village}"], http.Scope());
                http.Targets().Check(Scheduling.TargetSet.Of(zones: (body.Zones ?? []).Where(directory.ZoneExists)));
                return directory.Place(id, village, body.Zones ?? []) ? Results.Ok(registry.Find(id)) : ApiProblems.NotFound($"no speaker with id '{id}'");
            }))
            .WithTags("Devices").RequireAuthorization(AccountPolicies.Install).DeviceHiddenOutsideScope();
        return app;
    }

    /// <summary>The zone with the speakers in it that <paramref name="scope"/> sees.</summary>
    private static ZoneView View(Zone z, DeviceRegistry registry, AreaScope scope) =>
        new(z.Id, z.Name, registry.List().Where(d => d.Zones.Contains(z.Id) && scope.Sees(d)).Select(d => d.Id).ToArray());

    /// <summary>Renaming or deleting a zone is for those who hold every speaker in it.</summary>
    private static void HoldsZone(HttpContext http, TargetDirectory directory, string id)
    {
        if (directory.FindZone(id) is not null) http.Targets().Check(Scheduling.TargetSet.Of(zones: [id]));
    }
}
