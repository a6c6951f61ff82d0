using System.Net;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// The access rules of the API as a table: every /api endpoint, which roles may call it; without credentials it is 401,
/// with a role that lacks the right 403 (both problems). The area half (users limited to one commune) is in
/// Role_And_Area_Denials_Tests.Areas.cs, on the same controller.
/// </summary>
public sealed partial class Role_And_Area_Denials_Tests(ScopedInstallation installation) : IClassFixture<ScopedInstallation>
{
    private const string Anyone = "read";
    private static readonly string[] Everyone = ["admin", "bc", "ap", "tech", "viewer", "cap"];

    /// <summary>Method, route pattern as mapped, and who may call it (<see cref="Anyone"/>: every signed-in user).</summary>
    public static readonly IReadOnlyList<(string Method, string Route, string[] Allowed)> Table =
    [
        ("GET", "/api/me", [Anyone]),
        // Accounts (the anonymous sign-in and demo list are checked by Accounts/Endpoint_Authorization_Tests)
        ("DELETE", "/api/session", [Anyone]),
        ("POST", "/api/me/password", [Anyone]),
        ("POST", "/api/me/tokens", [Anyone]),
        ("GET", "/api/users", ["admin"]),
        ("GET", "/api/users/{name}", ["admin"]),
        ("POST", "/api/users", ["admin"]),
        ("PUT", "/api/users/{name}", ["admin"]),
        ("DELETE", "/api/users/{name}", ["admin"]),
        ("POST", "/api/users/{name}/password", ["admin"]),
        ("POST", "/api/users/{name}/tokens", ["admin"]),
        ("DELETE", "/api/users/{name}/tokens", ["admin"]),
        // Speakers
        ("GET", "/api/devices", [Anyone]),
        ("GET", "/api/devices/{id}", [Anyone]),
        ("POST", "/api/devices", ["tech", "admin"]),
        ("POST", "/api/devices/import", ["tech", "admin"]),
        ("GET", "/api/devices/export", [Anyone]),
        ("POST", "/api/devices/{id}/rotate-secret", ["tech", "admin"]),
        ("POST", "/api/devices/{id}/commands", ["tech", "admin"]),
        ("GET", "/api/devices/{id}/config", [Anyone]),
        ("PUT", "/api/devices/{id}/config", ["tech", "admin"]),
        ("POST", "/api/devices/{id}/revoke", ["tech", "admin"]),
        ("POST", "/api/devices/{id}/reinstate", ["admin"]),
        ("PUT", "/api/devices/{id}/position", ["tech", "admin"]),
        ("DELETE", "/api/devices/{id}/position", ["tech", "admin"]),
        ("PUT", "/api/devices/{id}/placement", ["tech", "admin"]),
        ("GET", "/api/devices/{id}/preemptions", [Anyone]),
        ("GET", "/api/enrollments", [Anyone]),
        ("GET", "/api/enrollments/{serial}", [Anyone]),
        ("POST", "/api/enrollments/{serial}/approve", ["tech", "admin"]),
        ("POST", "/api/enrollments/{serial}/reject", ["tech", "admin"]),
        ("GET", "/api/alarms", [Anyone]),
        ("GET", "/api/alarms/stats", [Anyone]),
        ("GET", "/api/alarms/rules", [Anyone]),
        ("PUT", "/api/alarms/rules", ["tech", "admin"]),
        ("POST", "/api/alarms/{id}/acknowledge", ["tech", "admin"]),
        ("GET", "/api/audit", ["tech", "admin"]),
        // Targets
        ("GET", "/api/areas", [Anyone]),
        ("GET", "/api/areas/{code}", [Anyone]),
        ("POST", "/api/areas", ["tech", "admin"]),
        ("GET", "/api/zones", [Anyone]),
        ("GET", "/api/zones/{id}", [Anyone]),
        ("POST", "/api/zones", ["tech", "admin"]),
        ("PUT", "/api/zones/{id}", ["tech", "admin"]),
        ("DELETE", "/api/zones/{id}", ["tech", "admin"]),
        ("PUT", "/api/zones/{id}/config", ["tech", "admin"]),
        // On air now
        ("GET", "/api/broadcasts", [Anyone]),
        ("GET", "/api/broadcasts/{id}", [Anyone]),
        ("POST", "/api/broadcasts", ["bc", "admin"]),
        ("DELETE", "/api/broadcasts/{id}", ["bc", "admin"]),
        ("GET", "/api/live", ["bc", "admin"]),
        ("GET", "/api/live/soundcard", [Anyone]),
        ("POST", "/api/live/soundcard", ["bc", "admin"]),
        ("DELETE", "/api/live/soundcard", ["bc", "admin"]),
        ("GET", "/api/relays", [Anyone]),
        ("GET", "/api/relays/{id}", [Anyone]),
        ("POST", "/api/relays", ["bc", "admin"]),
        ("GET", "/api/emergencies", [Anyone]),
        ("GET", "/api/emergencies/{id}", [Anyone]),
        ("POST", "/api/emergencies", ["bc", "admin"]),
        ("DELETE", "/api/emergencies/{id}", ["bc", "admin"]),
        ("GET", "/api/cap", [Anyone]),
        ("GET", "/api/cap/{id}", [Anyone]),
        ("POST", "/api/cap", ["cap", "admin"]),
        ("POST", "/api/cap/{id}/approve", ["ap"]),
        ("POST", "/api/cap/{id}/reject", ["ap"]),
        // Media and speech
        ("GET", "/api/media", [Anyone]),
        ("GET", "/api/media/{id}", [Anyone]),
        ("POST", "/api/media", ["bc", "admin"]),
        ("DELETE", "/api/media/{id}", ["bc", "admin"]),
        ("GET", "/api/playlists", [Anyone]),
        ("GET", "/api/playlists/{id}", [Anyone]),
        ("POST", "/api/playlists", ["bc", "admin"]),
        ("DELETE", "/api/playlists/{id}", ["bc", "admin"]),
        ("POST", "/api/tts", ["bc", "admin"]),
        ("POST", "/api/tts/normalize", [Anyone]),
        ("POST", "/api/tts/preview", ["bc", "admin"]),
        ("GET", "/api/media/{id}/audio", [Anyone]),
        // The calendar
        ("GET", "/api/programs", [Anyone]),
        ("GET", "/api/programs/{id}", [Anyone]),
        ("POST", "/api/programs", ["bc", "admin"]),
        ("PUT", "/api/programs/{id}", ["bc", "admin"]),
        ("DELETE", "/api/programs/{id}", ["bc", "admin"]),
        ("POST", "/api/programs/{id}/submit", ["bc", "admin"]),
        ("POST", "/api/programs/{id}/withdraw", ["bc", "admin"]),
        ("POST", "/api/programs/{id}/approve", ["ap"]),
        ("POST", "/api/programs/{id}/reject", ["ap"]),
        ("GET", "/api/approvals", [Anyone]),
        ("GET", "/api/schedules", [Anyone]),
        ("GET", "/api/schedules/{id}", [Anyone]),
        ("POST", "/api/schedules", ["bc", "admin"]),
        ("POST", "/api/schedules/preview", ["bc", "admin"]),
        ("POST", "/api/schedules/{id}/cancel", ["bc", "admin"]),
        ("GET", "/api/schedules.ics", [Anyone]),
        ("POST", "/api/schedules/import", ["bc", "admin"]),
        ("GET", "/api/schedules/{id}/airings", [Anyone]),
        ("GET", "/api/airings", [Anyone]),
        ("GET", "/api/calendar", [Anyone]),
        // Reports
        ("GET", "/api/reports", [Anyone]),
        ("GET", "/api/reports/{kind}", [Anyone]),
        // The province's link (posting bulletins is for the province-feed role, which no user here holds, and admin)
        ("POST", "/api/provincial/bulletins", ["admin"]),
        ("GET", "/api/provincial/bulletins", [Anyone]),
        ("GET", "/api/provincial/bulletins/{id}", [Anyone]),
        ("POST", "/api/provincial/bulletins/{id}/schedule", ["bc", "admin"]),
        ("GET", "/api/provincial/outbox", ["tech", "admin"]),
    ];

    public static TheoryData<string, string> Endpoints()
    {
        var data = new TheoryData<string, string>();
        foreach (var (method, route, _) in Table) data.Add(method, route);
        return data;
    }

    [Fact]
    public void Every_api_endpoint_of_the_app_is_in_the_table()
    {
        var mapped = installation.Controller.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null)
            .Select(e => (Route: "/" + e.RoutePattern.RawText!.Trim('/'), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(e => e.Route.StartsWith("/api/", StringComparison.Ordinal) || e.Route == "/api")
            .SelectMany(e => e.Methods.Select(m => $"{m} {e.Route}"))
            .ToHashSet();
        var listed = Table.Select(t => $"{t.Method} {t.Route}").ToHashSet();
        Assert.Empty(mapped.Except(listed).Order());
        Assert.Empty(listed.Except(mapped).Order());
        Assert.Equal(Table.Count, listed.Count);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task No_credentials_is_401_and_a_role_without_the_right_is_403(string method, string route)
    {
        var allowed = Table.Single(t => t.Method == method && t.Route == route).Allowed;
        var url = Url(route);
        var failures = new List<string>();

        var anonymous = await installation.Anonymous.SendAsync(new HttpMethod(method), url, null);
        if (anonymous.StatusCode != HttpStatusCode.Unauthorized || !IsProblem(anonymous)) failures.Add($"anonymous: {(int)anonymous.StatusCode}");

        foreach (var user in Everyone)
        {
            var response = await installation.As(user).SendAsync(new HttpMethod(method), url, null);
            var status = response.StatusCode;
            var may = allowed.Contains(Anyone) || allowed.Contains(user);
            if (!may && (status != HttpStatusCode.Forbidden || !IsProblem(response)))
                failures.Add($"{user}: expected 403 problem, got {(int)status} {await response.Content.ReadAsStringAsync()}");
            // An allowed role gets past authorization; what it then gets depends on the (empty) request.
            if (may && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                failures.Add($"{user}: allowed but got {(int)status} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.True(failures.Count == 0, $"{method} {url}: " + string.Join("; ", failures));
    }

    /// <summary>A concrete URL for a route: every parameter an id nothing has.</summary>
    private static string Url(string route) => System.Text.RegularExpressions.Regex.Replace(route, @"\{[^}]+\}", "nope-0");

    private static bool IsProblem(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType == "application/problem+json";
}
