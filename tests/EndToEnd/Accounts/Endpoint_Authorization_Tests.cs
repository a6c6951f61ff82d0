using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using InfoRadio.Controller.Hosting;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests.Accounts;

/// <summary>
/// Every endpoint of the real application either requires authorization or is on this explicit list of anonymous
/// ones: an endpoint added without <c>RequireAuthorization</c> fails here instead of being open to anyone.
/// </summary>
public sealed class Endpoint_Authorization_Tests
{
    /// <summary>"METHOD pattern" of every endpoint anyone may call.</summary>
    private static readonly HashSet<string> Anonymous =
    [
        "GET /healthz",
        "GET /openapi/{documentName}.json",
        "POST /api/session",
        "GET /api/demo/accounts",
        // Not for users: a speaker fetching its plan's content proves itself with HTTP Basic (its device id and secret),
        // checked by the endpoint itself (Offline_Plan_EndToEnd_Tests: 401 on a wrong secret, 404 for another's content).
        "GET /device-api/content/{sha256}",
        // EMQX's HTTP hooks: no sign-in, but a shared secret header (Emqx_Hook_Tests: 401 without it; 404 unless Kind=emqx-http).
        "POST /broker/emqx/authn",
        "POST /broker/emqx/authz",
    ];

    private static List<(string Key, Endpoint Endpoint)> Endpoints(TempDirectory temp)
    {
        var app = ControllerApp.Build(["--urls", "http://127.0.0.1:0", $"--Storage:DataDir={temp.Sub("data")}", "--Logging:LogLevel:Default=Warning"]);
        try
        {
            return ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
                .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => ($"{m} {e.RoutePattern.RawText}", (Endpoint)e)))
                .ToList();
        }
        finally
        {
            ((IDisposable)app).Dispose();
        }
    }

    [Fact]
    public void Every_endpoint_requires_authorization_unless_it_is_on_the_anonymous_list()
    {
        using var temp = new TempDirectory();
        var endpoints = Endpoints(temp);
        Assert.True(endpoints.Count > 50, $"only {endpoints.Count} endpoints found");

        var open = endpoints.Where(e => e.Endpoint.Metadata.GetMetadata<IAuthorizeData>() is null || e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.Key).ToHashSet();
        Assert.Empty(open.Except(Anonymous));
        // The list holds only what exists and is really anonymous, so it cannot grow stale.
        Assert.Empty(Anonymous.Except(open));
        Assert.All(endpoints.Where(e => Anonymous.Contains(e.Key)), e => Assert.NotNull(e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>()));
    }

    [Fact]
    public void Every_api_endpoint_has_a_tag_for_the_openapi_document()
    {
        using var temp = new TempDirectory();
        var untagged = Endpoints(temp).Where(e => e.Key.Contains(" /api", StringComparison.Ordinal))
            .Where(e => e.Endpoint.Metadata.GetMetadata<ITagsMetadata>() is not { Tags.Count: > 0 }).Select(e => e.Key);
        Assert.Empty(untagged);
    }
}
