using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.SoundCard;

namespace InfoRadio.Controller.Api;

/// <summary>
/// /api/live/soundcard: live from the controller machine's sound card (<see cref="SoundCardLive"/>). GET the state;
/// POST <c>{"title","all"|"devices","zones","areas"}</c> starts (201; 409 when on air already; 503 when arecord
/// cannot capture); DELETE stops (200 with the state; 404 when not on air).
/// </summary>
public static class SoundCardApi
{
    public const string Route = "/api/live/soundcard";

    public sealed record SoundCardBody(string? Title, bool? All, string[]? Devices, string[]? Zones, string[]? Areas);

    public static IEndpointRouteBuilder MapSoundCardApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Route).WithTags("Live");
        group.MapGet("/", (SoundCardLive card) => card.State).RequireAuthorization(AccountPolicies.Read);
        group.MapPost("/", StartAsync).RequireAuthorization(AccountPolicies.Broadcast);
        group.MapDelete("/", async (SoundCardLive card, HttpContext http) =>
            await card.StopAsync()
                ? Results.Ok(card.State)
                : ApiProblems.Rejected(http.Log(typeof(SoundCardApi)), ApiProblems.NotFound("the sound card is not on air"), "sound card: not on air"))
            .RequireAuthorization(AccountPolicies.Broadcast);
        return app;
    }

    private static async Task<IResult> StartAsync(HttpContext http, SoundCardLive card, TargetResolver resolver)
    {
        var log = http.Log(typeof(SoundCardApi));
        var (body, problem) = await ApiBody.ReadAsync<SoundCardBody>(http.Request, log, http.RequestAborted);
        if (problem is not null) return problem;
        var title = body!.Title?.Trim() is { Length: > 0 } t ? t : LiveApi.DefaultTitle;
        if (!BroadcastsApi.IsValidTitle(title)) return Reject(log, ApiProblems.BadRequest(BroadcastsApi.TitleRule), "bad title");
        var request = new LiveTargets(body.All == true, body.Devices ?? [], body.Zones ?? [], body.Areas ?? []);
        var (targets, targetError) = request.Resolve(resolver, http.Targets());
        if (targets is null)
            return Reject(log, ApiProblems.BadRequest(targetError == LiveTargets.QueryRule
                ? "name the targets: 'all': true, or 'devices', 'zones', 'areas' (lists of ids and codes)"
                : targetError!), "bad targets");
        try
        {
            var state = await card.StartAsync(title, targets, http.RequestAborted);
            return Results.Created(Route, state);
        }
        catch (SoundCardBusyException ex)
        {
            return Reject(log, ApiProblems.Conflict(ex.Message), "busy");
        }
        catch (BroadcastCapacityException ex)
        {
            return Reject(log, ApiProblems.Conflict(ex.Message), "too many live sessions");
        }
        catch (BroadcastRequestException ex)
        {
            return Reject(log, ApiProblems.BadRequest(ex.Message), "bad request");
        }
        catch (SoundCardStartException ex)
        {
            return Reject(log, Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Sound card unavailable", detail: ex.Message),
                "arecord failed");
        }
    }

    private static IResult Reject(ILogger log, IResult result, string why) => ApiProblems.Rejected(log, result, "sound card: " + why);
}
