using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Media;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Speech;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Api;

/// <summary>
/// /api/tts: Vietnamese speech rendered into the media library, and a preview of how a text will be read.
/// </summary>
public static class TtsApi
{
    public sealed record TtsBody(string? Title, string? Text, string? Voice, double? Speed);

    public sealed record NormalizeBody(string? Text, string? Voice);

    public sealed record NormalizedView(string Text, string Normalized, IReadOnlyList<string> Chunks);

    public static IEndpointRouteBuilder MapTtsApi(this IEndpointRouteBuilder app)
    {
        var tts = app.MapGroup("/api/tts").WithTags("Speech");
        tts.MapPost("/", RenderAsync).RequireAuthorization(AccountPolicies.Broadcast);
        tts.MapPost("/preview", PreviewAsync).RequireAuthorization(AccountPolicies.Broadcast);
        tts.MapPost("/normalize", NormalizeAsync).RequireAuthorization(AccountPolicies.Read);
        return app;
    }

    private static async Task<IResult> RenderAsync(HttpContext http, BulletinRenderings renderings, CancellationToken ct)
    {
        var log = http.Log(typeof(TtsApi));
        var (body, content, problem) = await ReadSpeechAsync(http, log, ct);
        if (problem is not null) return problem;
        var title = string.IsNullOrWhiteSpace(body!.Title) ? DefaultTitle(content!.Text) : body.Title.Trim();
        if (MediaLibrary.CheckTitle(title) is { } badTitle) return ApiBody.Invalid(log, badTitle);
        try
        {
            var item = await renderings.RenderNewAsync(content!.Text, content.Voice, content.Speed, title, http.User.UserName(), ct);
            return Results.Created($"/api/media/{item.Id}", MediaApi.MediaView.Of(item));
        }
        catch (SpeechSynthesisException e)
        {
            return SynthesisFailed(log, e);
        }
    }

    /// <summary>
    /// The text spoken as it would air, answered as a WAV file and kept nowhere: the broadcaster listens before saving
    /// it to the library (POST /api/tts). Same body and checks as a render; the title is ignored.
    /// </summary>
    private static async Task<IResult> PreviewAsync(HttpContext http, SpeechSynthesizer synthesizer, CancellationToken ct)
    {
        var log = http.Log(typeof(TtsApi));
        var (_, content, problem) = await ReadSpeechAsync(http, log, ct);
        if (problem is not null) return problem;
        try
        {
            var audio = await synthesizer.SynthesizeAsync(content!.Text, content.Voice, content.Speed, ct);
            return Results.File(WavBytes.ToPcm16(audio), "audio/wav");
        }
        catch (SpeechSynthesisException e)
        {
            return SynthesisFailed(log, e);
        }
    }

    /// <summary>A render's or preview's body, checked: the text, its voice (northern when none) and speed, or the problem to answer.</summary>
    private static async Task<(TtsBody? Body, TtsBulletinContent? Content, IResult? Problem)> ReadSpeechAsync(HttpContext http, ILogger log, CancellationToken ct)
    {
        var (body, problem) = await ApiBody.ReadAsync<TtsBody>(http.Request, log, ct);
        if (problem is not null) return (null, null, problem);
        if (ReadVoice(body!.Voice, log, out var voice) is { } badVoice) return (null, null, badVoice);
        var content = new TtsBulletinContent(body.Text ?? "", voice, body.Speed ?? 1.0);
        return content.Validate() is { } bad ? (null, null, ApiBody.Invalid(log, bad)) : (body, content, null);
    }

    /// <summary>Text with nothing to say is the caller's mistake (400); anything else failed in the engine behind the controller (502).</summary>
    private static IResult SynthesisFailed(ILogger log, SpeechSynthesisException e) =>
        e.Message.StartsWith("nothing to say", StringComparison.Ordinal)
            ? ApiBody.Invalid(log, e.Message)
            : ApiProblems.Rejected(log, Results.Problem(detail: $"text-to-speech failed: {e.Message}",
                statusCode: StatusCodes.Status502BadGateway, title: "Speech engine failed"), "tts failed");

    private static async Task<IResult> NormalizeAsync(HttpContext http, IOptions<SpeechOptions> options, CancellationToken ct)
    {
        var log = http.Log(typeof(TtsApi));
        var (body, problem) = await ApiBody.ReadAsync<NormalizeBody>(http.Request, log, ct);
        if (problem is not null) return problem;
        if (ReadVoice(body!.Voice, log, out var voice) is { } badVoice) return badVoice;
        var content = new TtsBulletinContent(body.Text ?? "", voice);
        if (content.Validate() is { } bad) return ApiBody.Invalid(log, bad);
        var normalized = SpeechSynthesizer.Normalize(content.Text, voice);
        return Results.Ok(new NormalizedView(content.Text, normalized, SpeechChunker.Split(normalized, options.Value.MaxChunkCharacters)));
    }

    /// <summary>The first words of the text, as the title of a render that was not given one.</summary>
    private static string DefaultTitle(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return "TTS: " + (flat.Length > 60 ? flat[..60] + "…" : flat);
    }

    /// <summary>The voice a body names (northern when none), or the problem to answer.</summary>
    private static IResult? ReadVoice(string? token, ILogger log, out TtsVoice voice)
    {
        voice = TtsVoice.Northern;
        try
        {
            voice = ApiBody.Token<TtsVoice>(token, "voice", TtsVoice.Northern);
            return null;
        }
        catch (SchedulingException e)
        {
            return ApiBody.Invalid(log, e.Message);
        }
    }
}
