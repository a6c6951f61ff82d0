using System.Text.Json;
using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Emergency;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Speech;
using InfoRadio.Controller.Targets;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Api;

/// <summary>
/// /api/emergencies: put an emergency on air (khẩn cấp) and follow its reach. Broadcasters and admins start and stop
/// them; any signed-in user reads the reports.
/// </summary>
public static class EmergenciesApi
{
    public static RouteGroupBuilder MapEmergenciesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/emergencies").WithTags("Emergencies").RequireAuthorization(AccountPolicies.Read);
        group.MapGet("/", (HttpContext http, EmergencyService emergencies, int? limit) => http.Scope().IsUnlimited
            ? emergencies.Recent(Math.Clamp(limit ?? 20, 1, 200))
            : emergencies.Recent(MaxScopedLookBack).Select(http.Visible).OfType<EmergencyView>().Take(Math.Clamp(limit ?? 20, 1, 200)).ToArray());
        group.MapGet("/{id}", (string id, HttpContext http, EmergencyService emergencies) =>
            http.Visible(emergencies.Find(id)) is { } view ? Results.Ok(view) : ApiProblems.NotFound($"no emergency with id '{id}'"));
        group.MapPost("/", StartAsync).RequireAuthorization(AccountPolicies.Broadcast);
        group.MapDelete("/{id}", (string id, HttpContext http, EmergencyService emergencies) =>
        {
            if (http.Visible(emergencies.Find(id)) is null) return ApiProblems.NotFound($"no emergency with id '{id}'");
            // Seen is not enough to stop it: a province's emergency that also reaches a commune is not the commune's to stop.
            if (!http.Targets().HoldsAll(emergencies.Find(id)!.Devices.Select(d => d.Id)))
                throw new OutsideScopeException([$"emergency {id} reaches speakers outside your areas"], http.Scope());
            if (emergencies.Cancel(id, "by " + http.User.UserName())) return Results.NoContent();
            return emergencies.Find(id) is null
                ? ApiProblems.NotFound($"no emergency with id '{id}'")
                : ApiProblems.Rejected(http.Log(typeof(EmergenciesApi)), ApiProblems.Conflict($"emergency '{id}' is already over"), "emergency over");
        }).RequireAuthorization(AccountPolicies.Broadcast);
        return group;
    }

    /// <summary>How many recent emergencies a limited user's list is picked from.</summary>
    internal const int MaxScopedLookBack = 500;

    private static async Task<IResult> StartAsync(HttpContext http, EmergencyService emergencies, TargetResolver resolver,
        IMediaAudioSource media, CancellationToken ct)
    {
        var log = http.Log(typeof(EmergenciesApi));
        var (body, problem) = await ApiBody.ReadAsync<EmergencyBody>(http.Request, log, ct);
        if (problem is not null) return problem;
        try
        {
            var (targets, names) = RequestTargets.Read(body!.Targets, resolver, http.Targets());
            var origin = ApiBody.Token<OriginLevel>(body.Origin, "origin", OriginLevel.Commune);
            var message = await MessageAsync(body, http, media, ct);
            if (message.Problem is not null) return ApiProblems.Rejected(log, message.Problem, "emergency message unavailable");
            var request = new EmergencyRequest(body.Title?.Trim() ?? "", targets, message.Audio!, origin, body.Repeat ?? 1, http.User.UserName())
            {
                TargetNames = names,
            };
            var id = emergencies.Start(request);
            var report = $"/api/emergencies/{id}";
            return Results.Created(report, new EmergencyCreated(id, report, emergencies.Find(id)!));
        }
        catch (Exception ex) when (ex is SchedulingException or BroadcastRequestException)
        {
            return ApiBody.Invalid(log, ex.Message);
        }
    }

    private static async Task<(ProgramAudio? Audio, IResult? Problem)> MessageAsync(EmergencyBody body, HttpContext http, IMediaAudioSource media,
        CancellationToken ct)
    {
        var hasMedia = !string.IsNullOrEmpty(body.MediaId);
        var hasText = !string.IsNullOrWhiteSpace(body.Text);
        if (hasMedia == hasText) throw new SchedulingException("give the message as exactly one of 'mediaId' (a media item or playlist) or 'text' (read by text-to-speech)");
        if (hasMedia)
        {
            try
            {
                return (media.TryOpen(body.MediaId!) ?? throw new SchedulingException($"no media item or playlist with id '{body.MediaId}'"), null);
            }
            catch (AudioFormatException ex)
            {
                throw new SchedulingException($"media item '{body.MediaId}' cannot be played: {ex.Message}");
            }
        }
        if (body.Text!.Length > EmergencyRequests.MaxTextLength) throw new SchedulingException($"'text' is limited to {EmergencyRequests.MaxTextLength} characters");
        var voice = ApiBody.Token<TtsVoice>(body.Voice, "voice", TtsVoice.Northern);
        var speed = body.Speed ?? 1.0;
        if (speed is < 0.5 or > 2.0) throw new SchedulingException("'speed' must be between 0.5 and 2.0");
        // Optional: text-to-speech is a separate part; without it an emergency still airs recorded media.
        if (http.RequestServices.GetService<ISpeechSynthesizer>() is not { } speech)
            return (null, ApiProblems.Unavailable("text-to-speech is not available on this controller: send 'mediaId' with a recorded message"));
        try
        {
            return (ProgramAudio.InMemory(await speech.SynthesizeAsync(body.Text.Trim(), voice, speed, ct)), null);
        }
        catch (SpeechSynthesisException ex)
        {
            return (null, ApiProblems.Unavailable("text-to-speech failed: " + ex.Message));
        }
    }
}

/// <summary>
/// POST /api/emergencies. <c>targets</c>: <c>"all"</c>, or an object with <c>all</c> (true), or any of <c>areas</c>
/// (administrative codes), <c>zones</c>, <c>devices</c>. The message: <c>mediaId</c> or <c>text</c> (with optional
/// <c>voice</c> northern|central|southern and <c>speed</c>). <c>repeat</c> (default 1), <c>origin</c>
/// commune|district|province|central (default commune).
/// </summary>
public sealed record EmergencyBody(string? Title, JsonElement? Targets, string? MediaId, string? Text, string? Voice, double? Speed, int? Repeat,
    string? Origin);

/// <summary>The answer to a started emergency: its id, where its reach report is, and the report so far.</summary>
public sealed record EmergencyCreated(string Id, string Report, EmergencyView Emergency);
