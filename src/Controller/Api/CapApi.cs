using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Cap;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Api;

/// <summary>
/// /api/cap: CAP 1.2 alerts from warning feeds. POST takes an <c>&lt;alert&gt;</c> (application/cap+xml or
/// application/xml; cap-feed or admin); GET lists the ledger and shows one alert with what each device played;
/// approve and reject are for approvers who did not post the alert.
/// </summary>
public static class CapApi
{
    public static readonly IReadOnlyList<string> ContentTypes = ["application/cap+xml", "application/xml", "text/xml"];

    public sealed record RejectBody(string? Reason);

    public static IEndpointRouteBuilder MapCapApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cap").WithTags("CAP").RequireAuthorization(AccountPolicies.Read);
        group.MapGet("/", (CapService cap, int? limit) => cap.Recent(Math.Clamp(limit ?? 50, 1, 500)).Select(r => CapView.Of(r)));
        group.MapGet("/{id}", (string id, CapService cap) =>
            cap.Find(id) is { } r ? Results.Ok(CapView.Of(r, cap.Airings(r), withXml: true)) : ApiProblems.NotFound($"no CAP alert with id '{id}'"));
        group.MapPost("/", PostAsync).RequireAuthorization(AccountPolicies.CapIngest);
        group.MapPost("/{id}/approve", async (string id, HttpContext http, CapService cap) =>
            Decided(http, cap, await cap.ApproveAsync(id, http.User.UserName(), http.RequestAborted))).RequireAuthorization(AccountPolicies.Approve).RequireUnlimitedScope("a CAP alert, whose area is matched against the whole fleet");
        group.MapPost("/{id}/reject", async (string id, HttpContext http, CapService cap) =>
        {
            var log = http.Log(typeof(CapApi));
            var (body, problem) = await ApiBody.ReadAsync<RejectBody>(http.Request, log, http.RequestAborted);
            if (problem is not null) return problem;
            if (string.IsNullOrWhiteSpace(body!.Reason)) return ApiBody.Invalid(log, "a rejection needs a 'reason'");
            return Decided(http, cap, await cap.RejectAsync(id, http.User.UserName(), body.Reason.Trim(), http.RequestAborted));
        }).RequireAuthorization(AccountPolicies.Approve).RequireUnlimitedScope("a CAP alert, whose area is matched against the whole fleet");
        return app;
    }

    private static async Task<IResult> PostAsync(HttpContext http, CapService cap, IOptions<CapOptions> options)
    {
        var log = http.Log(typeof(CapApi));
        var request = http.Request;
        var max = options.Value.MaxXmlBytes;
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (mediaType is null || !ContentTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
            return ApiProblems.Rejected(log, ApiProblems.Unsupported("send the CAP 1.2 alert as application/cap+xml or application/xml"), "cap not xml");
        if (request.ContentLength > max)
            return ApiProblems.Rejected(log, ApiProblems.TooLarge($"CAP alerts are limited to {max} bytes"), "cap too large");

        var xml = await ReadBoundedAsync(request.Body, max, http.RequestAborted);
        if (xml is null) return ApiProblems.Rejected(log, ApiProblems.TooLarge($"CAP alerts are limited to {max} bytes"), "cap too large");

        var result = await cap.IngestAsync(xml, http.User.UserName(), http.RequestAborted);
        return result.Outcome switch
        {
            CapOutcome.Invalid => ApiProblems.Rejected(log, Invalid(result.Errors), "invalid cap"),
            CapOutcome.Duplicate => Results.Ok(CapView.Of(result.Record!)),
            _ => Results.Created($"/api/cap/{result.Record!.Id}", CapView.Of(result.Record)),
        };
    }

    /// <summary>A 400 problem whose detail sums up and whose <c>errors</c> member lists every problem found.</summary>
    private static IResult Invalid(IReadOnlyList<string> errors) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid CAP 1.2 alert",
        detail: errors.Count == 1 ? errors[0] : $"{errors.Count} problems: {string.Join("; ", errors.Take(5))}{(errors.Count > 5 ? "; …" : "")}",
        extensions: new Dictionary<string, object?> { ["errors"] = errors });

    private static IResult Decided(HttpContext http, CapService cap, CapDecisionResult result)
    {
        var log = http.Log(typeof(CapApi));
        return result.Outcome switch
        {
            CapDecisionOutcome.Done => Results.Ok(CapView.Of(result.Record!, cap.Airings(result.Record!))),
            CapDecisionOutcome.NotFound => ApiProblems.NotFound(result.Detail!),
            CapDecisionOutcome.SameActor => ApiProblems.Rejected(log, ApiProblems.Forbidden(result.Detail!), "cap approval by poster"),
            _ => ApiProblems.Rejected(log, ApiProblems.Conflict(result.Detail!), "cap approval state"),
        };
    }

    /// <summary>The body, or null when it is longer than <paramref name="max"/> (a sender may lie about its length).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int max, CancellationToken ct)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            if (copy.Length + read > max) return null;
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }
}
