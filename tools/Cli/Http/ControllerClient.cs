using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;

namespace InfoRadio.Cli.Http;

/// <summary>
/// The controller's REST API over HttpClient with the stored bearer token (or none, to sign in with a password:
/// the session cookie then lives in this client's handler). Every failure becomes a
/// <see cref="CliException"/> with the exit code for its kind and the server's problem detail in its message.
/// </summary>
public sealed class ControllerClient : IDisposable
{
    private readonly HttpClient _http;

    public ControllerClient(Uri baseAddress, string? token, HttpMessageHandler handler, TimeSpan timeout)
    {
        _http = new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress, Timeout = timeout };
        if (token is not null) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        else _http.DefaultRequestHeaders.Add("X-Requested-With", "InfoRadio"); // a cookie session's writes need it
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("inforadio-cli/1");
    }

    public Uri BaseAddress => _http.BaseAddress!;

    public Task<JsonElement> GetJsonAsync(string path, CancellationToken ct) => SendJsonAsync(HttpMethod.Get, path, null, ct);

    public Task<JsonElement> PostJsonAsync(string path, object? body, CancellationToken ct) =>
        SendJsonAsync(HttpMethod.Post, path, JsonContent(body ?? new { }), ct);

    public Task<JsonElement> PostTextAsync(string path, string text, string mediaType, CancellationToken ct) =>
        SendJsonAsync(HttpMethod.Post, path, new StringContent(text, Encoding.UTF8, mediaType), ct);

    public Task<JsonElement> DeleteAsync(string path, CancellationToken ct) => SendJsonAsync(HttpMethod.Delete, path, null, ct);

    /// <summary>A non-JSON answer (e.g. CSV) as text.</summary>
    public async Task<string> GetTextAsync(string path, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    private async Task<JsonElement> SendJsonAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var response = await SendAsync(method, path, content, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (text.Length == 0) return default;
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new CliException(ExitCodes.Refused, $"{method} {path}: the controller answered {(int)response.StatusCode} with something that is not JSON");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new CliException(ExitCodes.Unreachable, Unreachable(e), e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Unreachable,
                $"the controller at {BaseAddress} did not answer within {_http.Timeout.TotalSeconds:0} s", e);
        }
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            var detail = await ProblemDetail.ReadAsync(response, ct);
            throw new CliException(ExitCodeFor(response.StatusCode), $"{method} {path}: {Describe(response.StatusCode, detail)}");
        }
    }

    /// <summary>The exit code for a refused request.</summary>
    internal static int ExitCodeFor(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.NotAuthorized,
        HttpStatusCode.NotFound => ExitCodes.NotFound,
        _ => ExitCodes.Refused,
    };

    internal static string Describe(HttpStatusCode status, string? detail) => status switch
    {
        HttpStatusCode.Unauthorized => "the controller refused the token (401): sign in again with 'inforadio login'",
        HttpStatusCode.Forbidden => $"forbidden (403): this account may not do that{(detail is null ? "" : $" ({detail})")}",
        _ => $"{(int)status} {ReasonOf(status)}{(detail is null ? "" : $": {detail}")}",
    };

    private static string ReasonOf(HttpStatusCode status) =>
        System.Text.RegularExpressions.Regex.Replace(status.ToString(), "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();

    private string Unreachable(HttpRequestException e)
    {
        var where = BaseAddress.GetLeftPart(UriPartial.Authority);
        var socket = FindInner<SocketException>(e);
        return socket?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused =>
                $"cannot reach the controller at {where}: connection refused (nothing listens there; is the controller running, is the URL right?)",
            SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData =>
                $"cannot reach the controller at {where}: the host name does not resolve",
            SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable =>
                $"cannot reach the controller at {where}: {socket.Message} (check the network or 4G link)",
            _ when FindInner<AuthenticationException>(e) is { } tls => $"cannot reach the controller at {where}: TLS failed ({tls.Message})",
            _ => $"cannot reach the controller at {where}: {e.Message}",
        };
    }

    private static T? FindInner<T>(Exception e) where T : Exception
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is T found) return found;
        return null;
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");

    public void Dispose() => _http.Dispose();
}
