using System.Text.Json;
using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Provincial;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Api;

/// <summary>
/// /api/provincial: bulletins from the province's source information system (POST by the province-feed account; the
/// list, one bulletin, and scheduling a queued normal one for broadcasters), and the outbox of pushes to the province.
/// </summary>
public static class ProvincialApi
{
    public sealed record ScheduleBody(string? Start);

    public static IEndpointRouteBuilder MapProvincialApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/provincial").WithTags("Provincial").RequireAuthorization(AccountPolicies.Read);
        group.MapPost("/bulletins", PostAsync).RequireAuthorization(AccountPolicies.ProvinceIngest);
        group.MapGet("/bulletins", (BulletinService bulletins, string? state, int? limit, HttpContext http) =>
        {
            BulletinState? filter = null;
            if (state is not null)
            {
                if (!Enum.TryParse<BulletinState>(state, true, out var s) || int.TryParse(state, out _))
                    return ApiBody.Invalid(http.Log(typeof(ProvincialApi)), $"'state' must be one of {string.Join(", ", Enum.GetNames<BulletinState>().Select(n => n.ToLowerInvariant()))}");
                filter = s;
            }
            return Results.Json(bulletins.Recent(filter, Math.Clamp(limit ?? 100, 1, 500)).Select(BulletinView.Of), ProvincialJson.Options);
        });
        group.MapGet("/bulletins/{id}", (string id, BulletinService bulletins) =>
            bulletins.Find(id) is { } r ? Results.Json(BulletinView.Of(r), ProvincialJson.Options) : ApiProblems.NotFound($"no bulletin with id '{id}'"));
        group.MapPost("/bulletins/{id}/schedule", ScheduleAsync).RequireAuthorization(AccountPolicies.Broadcast);
        group.MapGet("/outbox", (ProvincialOutbox outbox, string? state, int? limit) =>
        {
            OutboxState? filter = Enum.TryParse<OutboxState>(state, true, out var s) ? s : null;
            var list = outbox.List(filter, Math.Clamp(limit ?? 100, 1, 500)).Select(m => new
            {
                m.Id, m.Kind, State = m.State.ToString().ToLowerInvariant(), m.CreatedAt, m.Attempts, m.NextAttemptAt, m.LastAttemptAt, m.LastError, m.DeliveredAt,
            });
            return Results.Ok(new
            {
                Pending = outbox.Count(OutboxState.Pending), Delivered = outbox.Count(OutboxState.Delivered), Dead = outbox.Count(OutboxState.Dead), Messages = list,
            });
        }).RequireAuthorization(AccountPolicies.Install);
        return app;
    }

    private static async Task<IResult> PostAsync(HttpContext http, BulletinService bulletins, IOptions<ProvincialOptions> options)
    {
        var log = http.Log(typeof(ProvincialApi));
        var request = http.Request;
        var max = options.Value.Bulletins.MaxBodyBytes;
        if (!request.HasJsonContentType())
            return Refused(log, ApiProblems.Unsupported("send the bulletin as application/json"), "bulletin not json");
        if (request.ContentLength > max)
            return Refused(log, ApiProblems.TooLarge($"bulletins are limited to {max} bytes (Provincial:Bulletins:MaxBodyBytes)"), "bulletin too large");
        var bytes = await ReadBoundedAsync(request.Body, max, http.RequestAborted);
        if (bytes is null) return Refused(log, ApiProblems.TooLarge($"bulletins are limited to {max} bytes (Provincial:Bulletins:MaxBodyBytes)"), "bulletin too large");
        BulletinBody? body;
        try
        {
            body = JsonSerializer.Deserialize<BulletinBody>(bytes, ProvincialJson.Strict);
        }
        catch (JsonException e)
        {
            return Refused(log, ApiProblems.BadRequest($"the body is not a valid bulletin: {e.Message}"), "bad bulletin json");
        }
        var result = await bulletins.IngestAsync(body, http.User.UserName(), http.RequestAborted);
        return result.Outcome switch
        {
            // Counted as a bulletin refused and logged with its problems by the service; counted here as a rejected request.
            BulletinOutcome.Invalid => ApiProblems.Rejected(log, Invalid(result.Errors), "invalid bulletin"),
            BulletinOutcome.Duplicate => Results.Json(BulletinView.Of(result.Record!), ProvincialJson.Options),
            _ => Results.Json(BulletinView.Of(result.Record!), ProvincialJson.Options, statusCode: StatusCodes.Status201Created),
        };
    }

    private static async Task<IResult> ScheduleAsync(string id, HttpContext http, BulletinService bulletins)
    {
        var log = http.Log(typeof(ProvincialApi));
        DateTimeOffset? start = null;
        if (http.Request.ContentLength is > 0 || http.Request.HasJsonContentType())
        {
            var (body, problem) = await ApiBody.ReadAsync<ScheduleBody>(http.Request, log, http.RequestAborted);
            if (problem is not null) return problem;
            if (body!.Start is { } text)
            {
                try { start = Scheduling.BroadcastTimeZone.ToInstant(ApiBody.LocalDateTime(text, "start")); }
                catch (Scheduling.SchedulingException e) { return ApiBody.Invalid(log, e.Message); }
            }
        }
        var result = await bulletins.ScheduleAsync(id, start, http.User.UserName(), http.RequestAborted);
        return result.Outcome switch
        {
            BulletinScheduleOutcome.Done => Results.Json(BulletinView.Of(result.Record!), ProvincialJson.Options),
            BulletinScheduleOutcome.NotFound => ApiProblems.NotFound(result.Detail!),
            BulletinScheduleOutcome.NotQueued => ApiProblems.Rejected(log, ApiProblems.Conflict(result.Detail!), "bulletin not queued"),
            _ => ApiBody.Invalid(log, result.Detail!),
        };
    }

    private static IResult Refused(ILogger log, IResult result, string why)
    {
        ProvincialCounters.BulletinsRefused.Add(1);
        return ApiProblems.Rejected(log, result, why);
    }

    /// <summary>A 400 problem whose detail sums up and whose <c>errors</c> member lists every problem found.</summary>
    private static IResult Invalid(IReadOnlyList<string> errors) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid bulletin",
        detail: errors.Count == 1 ? errors[0] : $"{errors.Count} problems: {string.Join("; ", errors.Take(5))}{(errors.Count > 5 ? "; …" : "")}",
        extensions: new Dictionary<string, object?> { ["errors"] = errors });

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int max, CancellationToken ct)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            if (copy.Length + read > max) return null;
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }
}
