using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Media;
using InfoRadio.Controller.Scheduling.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Api;

/// <summary>/api/media: the audio library (WAV and MP3, checked by decoding) and /api/playlists built from it.</summary>
public static class MediaApi
{
    public sealed record MediaView(string Id, string Title, string Format, string SourceFormat, double DurationSeconds, long SizeBytes, string Sha256, DateTimeOffset UploadedAt, string Uploader)
    {
        public static MediaView Of(MediaItem m) => new(m.Id, m.Title, m.Format, m.SourceFormat, m.Duration.TotalSeconds, m.SizeBytes, m.Sha256, m.UploadedAt, m.Uploader);
    }

    public sealed record PlaylistBody(string? Id, string? Title, string[]? Items);

    public sealed record PlaylistView(string Id, string Title, IReadOnlyList<string> Items, double DurationSeconds, string Author, DateTimeOffset CreatedAt);

    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        var media = app.MapGroup("/api/media").WithTags("Media").RequireAuthorization(AccountPolicies.Read);
        media.MapGet("/", (MediaLibrary library) => library.List().Select(MediaView.Of));
        media.MapGet("/{id}", (string id, MediaLibrary library) =>
            library.Find(id) is { } m ? Results.Ok(MediaView.Of(m)) : ApiProblems.NotFound($"no media item with id '{id}'"));
        media.MapGet("/{id}/audio", (string id, MediaLibrary library) => Audio(id, library));
        media.MapPost("/", UploadAsync).DisableAntiforgery().RequireAuthorization(AccountPolicies.Broadcast);
        media.MapDelete("/{id}", (string id, HttpContext http, MediaLibrary library, LiteDbSchedulingCatalog catalog) =>
            ApiGuard.Run(http.Log(typeof(MediaApi)), () => library.Delete(id, UsedBy(catalog))
                ? Results.NoContent()
                : ApiProblems.NotFound($"no media item with id '{id}'"))).RequireAuthorization(AccountPolicies.Broadcast);

        var lists = app.MapGroup("/api/playlists").WithTags("Media").RequireAuthorization(AccountPolicies.Read);
        lists.MapGet("/", (MediaLibrary library) => library.Playlists().Select(p => View(p, library)));
        lists.MapGet("/{id}", (string id, MediaLibrary library) =>
            library.FindPlaylist(id) is { } p ? Results.Ok(View(p, library)) : ApiProblems.NotFound($"no playlist with id '{id}'"));
        lists.MapPost("/", (HttpContext http, MediaLibrary library) =>
            ApiGuard.WithBodyAsync<PlaylistBody>(http.Request, http.Log(typeof(MediaApi)), body =>
            {
                var p = library.CreatePlaylist(body.Id, body.Title ?? "", body.Items ?? [], http.User.UserName());
                return Results.Created($"/api/playlists/{p.Id}", View(p, library));
            })).RequireAuthorization(AccountPolicies.Broadcast);
        lists.MapDelete("/{id}", (string id, HttpContext http, MediaLibrary library, LiteDbSchedulingCatalog catalog) =>
            ApiGuard.Run(http.Log(typeof(MediaApi)), () => library.DeletePlaylist(id, UsedBy(catalog))
                ? Results.NoContent()
                : ApiProblems.NotFound($"no playlist with id '{id}'"))).RequireAuthorization(AccountPolicies.Broadcast);
        return app;
    }

    /// <summary>
    /// The stored file as uploaded, for the console's player: ranges allowed so a browser can seek; stored items are
    /// WAV or MP3 only (checked at upload), so the type follows the item's format.
    /// </summary>
    private static IResult Audio(string id, MediaLibrary library)
    {
        if (library.Find(id) is not { } item) return ApiProblems.NotFound($"no media item with id '{id}'");
        var path = Path.Combine(library.Folder, item.FileName);
        if (!File.Exists(path)) return ApiProblems.NotFound($"the file of media item '{id}' is missing");
        var type = item.Format == "mp3" ? "audio/mpeg" : "audio/wav";
        return Results.File(path, type, fileDownloadName: null, enableRangeProcessing: true);
    }

    private static Func<string, IReadOnlyList<string>> UsedBy(LiteDbSchedulingCatalog catalog) =>
        id => catalog.ProgramsUsingMedia(id).Select(p => p.Id).ToArray();

    private static PlaylistView View(MediaPlaylist p, MediaLibrary library) =>
        new(p.Id, p.Title, p.Items, library.DurationOf(p.Id)?.TotalSeconds ?? 0, p.Author, p.CreatedAt);

    /// <summary>multipart/form-data: <c>file</c> (WAV or MP3), optional <c>title</c>.</summary>
    private static async Task<IResult> UploadAsync(HttpContext http, MediaLibrary library, IOptions<MediaOptions> options, CancellationToken ct)
    {
        var log = http.Log(typeof(MediaApi));
        var request = http.Request;
        var max = options.Value.MaxUploadBytes;
        if (!request.HasFormContentType)
            return ApiProblems.Rejected(log, ApiProblems.Unsupported("send multipart/form-data with a 'file' field (WAV or MP3) and optionally a 'title'"), "not a form");
        if (request.ContentLength > max + 64 * 1024)
            return ApiProblems.Rejected(log, ApiProblems.TooLarge($"uploads are limited to {max} bytes"), "too large");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max + 64 * 1024;

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = max + 64 * 1024 }, ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return ApiProblems.Rejected(log, ApiProblems.BadRequest("the form could not be read: " + ex.Message), "unreadable form");
        }
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
            return ApiProblems.Rejected(log, ApiProblems.BadRequest("the 'file' field with a WAV or MP3 file is missing or empty"), "no file");
        if (file.Length > max) return ApiProblems.Rejected(log, ApiProblems.TooLarge($"uploads are limited to {max} bytes"), "too large");
        var title = form["title"].ToString();
        if (title.Length > 0 && MediaLibrary.CheckTitle(title) is { } badTitle) return ApiBody.Invalid(log, badTitle);

        try
        {
            await using var stream = file.OpenReadStream();
            var item = await library.UploadAsync(stream, file.FileName, title, http.User.UserName(), ct);
            return Results.Created($"/api/media/{item.Id}", MediaView.Of(item));
        }
        catch (AudioFormatException ex)
        {
            return ApiProblems.Rejected(log, ApiProblems.BadRequest($"'{file.FileName}' is not playable audio: {ex.Message}"), "bad audio");
        }
        catch (ArgumentException ex)
        {
            return ApiBody.Invalid(log, ex.Message);
        }
    }
}
