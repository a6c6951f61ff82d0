using System.Text.Json;
using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Media;
using InfoRadio.Controller.Relay;
using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Api;

/// <summary>
/// /api/relays: relay (tiếp sóng) an HTTP/Icecast MP3 stream to speakers now, and see every relay's source health.
/// A live relay is a broadcast: it is stopped with DELETE /api/broadcasts/{id}.
/// </summary>
public static class RelaysApi
{
    /// <summary>
    /// POST body: <c>url</c> (http/https MP3 stream), <c>title</c>, <c>targets</c> (<c>"all"</c> or
    /// <c>{ devices, zones, areas }</c>), <c>durationMinutes</c>, optional <c>fallbackMediaId</c>.
    /// </summary>
    public sealed record RelayBody(string? Url, string? Title, JsonElement? Targets, int? DurationMinutes, string? FallbackMediaId);

    public static IEndpointRouteBuilder MapRelaysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/relays").WithTags("Relays").RequireAuthorization(AccountPolicies.Read);
        group.MapGet("/", (HttpContext http, RelayService relays) => relays.List().Where(r => Sees(http, r)).Select(r => r with { Broadcast = http.Visible(r.Broadcast) }));
        group.MapGet("/{id}", (string id, HttpContext http, RelayService relays) =>
            relays.Find(id) is { } view && Sees(http, view) ? Results.Ok(view with { Broadcast = http.Visible(view.Broadcast) }) : ApiProblems.NotFound($"no relay with id '{id}'"));
        group.MapPost("/", StartAsync).RequireAuthorization(AccountPolicies.Broadcast);
        return app;
    }

    /// <summary>A limited user sees the live relays that reach their speakers; a scheduled one through its schedule, not here.</summary>
    private static bool Sees(HttpContext http, RelayStatusView relay) => http.Scope().IsUnlimited || http.Visible(relay.Broadcast) is not null;

    private static async Task<IResult> StartAsync(HttpContext http, RelayBody? body, RelayService relays, RelayRuntime runtime,
        TargetResolver resolver, MediaLibrary media)
    {
        var log = http.Log(typeof(RelaysApi));
        if (body is null) return Reject(log, ApiProblems.BadRequest("send a JSON body with url, title, targets and durationMinutes"), "no body");
        if (Check(body, runtime.Options, media) is { } problem) return Reject(log, ApiProblems.BadRequest(problem.Detail), problem.Why);
        BroadcastTargets targets;
        try
        {
            targets = RequestTargets.Read(body.Targets, resolver, http.Targets()).Targets;
        }
        catch (SchedulingException e)
        {
            return Reject(log, ApiProblems.BadRequest(e.Message), "bad targets");
        }

        var request = new RelayRequest(new Uri(body.Url!), body.Title!.Trim(), targets,
            TimeSpan.FromMinutes(body.DurationMinutes!.Value), body.FallbackMediaId, http.User.UserName());
        try
        {
            var view = await relays.StartLiveAsync(request, http.RequestAborted);
            return Results.Created($"/api/broadcasts/{view.Id}", view);
        }
        catch (RelaySourceException e) when (e.IsRequestProblem)
        {
            return Reject(log, ApiProblems.BadRequest($"{request.Url} cannot be relayed: {e.Message}"), "source not relayable");
        }
        catch (RelaySourceException e)
        {
            var bad = Results.Problem(detail: $"{request.Url} cannot be relayed now: {e.Message}", statusCode: StatusCodes.Status502BadGateway, title: "Bad gateway");
            return Reject(log, bad, "source unreachable");
        }
        catch (BroadcastRequestException e)
        {
            return Reject(log, ApiProblems.BadRequest(e.Message), "bad targets");
        }
        catch (BroadcastCapacityException e)
        {
            return Reject(log, ApiProblems.Conflict(e.Message), "too many relays");
        }
    }

    private static (string Detail, string Why)? Check(RelayBody body, RelayOptions options, MediaLibrary media)
    {
        if (new StreamRelayContent(body.Url ?? "", body.FallbackMediaId).Validate() is { } url) return (url, "bad url");
        if (string.IsNullOrWhiteSpace(body.Title) || !BroadcastsApi.IsValidTitle(body.Title.Trim())) return ("'title' is missing, or " + BroadcastsApi.TitleRule, "bad title");
        if (body.DurationMinutes is not { } minutes || minutes < 1 || minutes > options.MaxDurationMinutes)
            return ($"'durationMinutes' must be between 1 and {options.MaxDurationMinutes} (Relay:MaxDurationMinutes)", "bad duration");
        if (body.FallbackMediaId is { } fallback && media.Find(fallback) is null)
            return ($"no media item with id '{fallback}' for the fallback (upload it to /api/media first)", "unknown fallback");
        return body.Targets is null ? ("'targets' is missing: \"all\" or { devices, zones, areas }", "no targets") : null;
    }

    private static IResult Reject(ILogger log, IResult result, string why) => ApiProblems.Rejected(log, result, why);
}
