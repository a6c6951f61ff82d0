using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Targets;
using InfoRadio.Protocol;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Api;

/// <summary>/api/broadcasts: play an uploaded file on speakers and follow what each one did with it.</summary>
public static class BroadcastsApi
{
    public const int MaxTitleLength = 200;

    public static RouteGroupBuilder MapBroadcastsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/broadcasts").WithTags("Broadcasts").RequireAuthorization(AccountPolicies.Read);
        group.MapGet("/", (HttpContext http, BroadcastService broadcasts, int? limit) => Recent(http, broadcasts, Math.Clamp(limit ?? 50, 1, 500)));
        group.MapGet("/{id}", (string id, HttpContext http, BroadcastService broadcasts) =>
            http.Visible(broadcasts.Find(id)) is { } view ? Results.Ok(view) : ApiProblems.NotFound($"no broadcast with id '{id}'"));
        group.MapPost("/", StartAsync).DisableAntiforgery().RequireAuthorization(AccountPolicies.Broadcast);
        group.MapDelete("/{id}", (string id, HttpContext http, BroadcastService broadcasts) =>
            {
                if (http.Visible(broadcasts.Find(id)) is null) return ApiProblems.NotFound($"no broadcast on air with id '{id}'");
                // Seen is not enough to stop it: a province's broadcast that also reaches a commune is not the commune's to stop.
                if (!http.Targets().HoldsAll(broadcasts.Find(id)!.Devices.Select(d => d.Id)))
                    throw new OutsideScopeException([$"broadcast {id} reaches speakers outside your areas"], http.Scope());
                return broadcasts.Cancel(id, $"stopped by {http.User.UserName()}")
                    ? Results.Accepted($"/api/broadcasts/{id}", http.Visible(broadcasts.Find(id)))
                    : ApiProblems.NotFound($"no broadcast on air with id '{id}'");
            })
            .RequireAuthorization(AccountPolicies.Broadcast);
        return group;
    }

    /// <summary>
    /// multipart/form-data: <c>file</c> (WAV or MP3), <c>targets</c> (<c>all</c>, or device ids separated by
    /// commas; the field may repeat), optional <c>title</c>.
    /// </summary>
    /// <summary>The latest broadcasts the user sees; a limited user's are looked for among more, so others' do not crowd them out.</summary>
    private static IReadOnlyList<BroadcastView> Recent(HttpContext http, BroadcastService broadcasts, int limit) =>
        http.Scope().IsUnlimited ? broadcasts.Recent(limit) : broadcasts.Recent(MaxScopedLookBack).Select(http.Visible).OfType<BroadcastView>().Take(limit).ToArray();

    /// <summary>How many recent broadcasts a limited user's list is picked from.</summary>
    internal const int MaxScopedLookBack = 1000;

    private static async Task<IResult> StartAsync(HttpRequest request, BroadcastService broadcasts, AudioFileDecoder decoder,
        IOptions<BroadcastOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        var log = loggers.CreateLogger(typeof(BroadcastsApi));
        if (!request.HasFormContentType)
            return Reject(log, ApiProblems.Unsupported("send multipart/form-data with a 'file' field and a 'targets' field"), "not a form");
        if (request.ContentLength > options.Value.MaxUploadBytes)
            return Reject(log, ApiProblems.TooLarge($"uploads are limited to {options.Value.MaxUploadBytes} bytes"), "too large");

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Reject(log, ApiProblems.BadRequest("the form could not be read: " + ex.Message), "unreadable form");
        }

        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0) return Reject(log, ApiProblems.BadRequest("the 'file' field with a WAV or MP3 file is missing or empty"), "no file");
        if (file.Length > options.Value.MaxUploadBytes)
            return Reject(log, ApiProblems.TooLarge($"uploads are limited to {options.Value.MaxUploadBytes} bytes"), "too large");

        if (ParseTargets(form["targets"]) is not { } asked)
            return Reject(log, ApiProblems.BadRequest("the 'targets' field must be 'all' or a comma-separated list of device ids"), "bad targets");
        BroadcastTargets targets;
        try
        {
            targets = request.HttpContext.Targets().Check(asked);
        }
        catch (Scheduling.SchedulingException ex)
        {
            return Reject(log, ApiProblems.BadRequest(ex.Message), "bad targets");
        }
        var title = form["title"].ToString() is { Length: > 0 } t ? t.Trim() : Path.GetFileNameWithoutExtension(file.FileName);
        if (!IsValidTitle(title))
            return Reject(log, ApiProblems.BadRequest(TitleRule), "bad title");

        DecodedAudio audio;
        try
        {
            await using var stream = file.OpenReadStream();
            var maxSamples = (long)options.Value.MaxDurationMinutes * 60 * ProtocolVersion.SampleRate;
            audio = await Task.Run(() => decoder.Decode(stream, maxSamples), ct);
        }
        catch (AudioFormatException ex)
        {
            return Reject(log, ApiProblems.BadRequest($"'{file.FileName}' is not playable audio: {ex.Message}"), "bad audio");
        }

        try
        {
            var view = broadcasts.Start(title, audio, targets);
            return Results.Accepted($"/api/broadcasts/{view.Id}", view);
        }
        catch (BroadcastRequestException ex)
        {
            return Reject(log, ApiProblems.BadRequest(ex.Message), "bad request");
        }
    }

    internal static string TitleRule => $"the title must be at most {MaxTitleLength} characters on one line";

    internal static bool IsValidTitle(string title) => title.Length <= MaxTitleLength && !title.Any(char.IsControl);

    /// <summary><c>all</c>, or device ids separated by commas (the field may repeat); null when unusable.</summary>
    internal static BroadcastTargets? ParseTargets(IEnumerable<string?> fields)
    {
        var ids = fields.SelectMany(f => (f ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        if (ids.Length == 0) return null;
        if (ids is ["all"]) return BroadcastTargets.All;
        return ids.All(Protocol.Identifiers.IsValid) ? BroadcastTargets.Devices(ids) : null;
    }

    private static IResult Reject(ILogger log, IResult result, string why) => ApiProblems.Rejected(log, result, why);
}
