using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace InfoRadio.EndToEnd.Tests.Infrastructure;

/// <summary>Users configured for the calendar tests (Accounts:Users), and a client that signs in as one of them.</summary>
public static class CalendarUsers
{
    public static readonly IReadOnlyList<(string Name, string[] Roles)> All =
    [
        ("bc", ["broadcaster"]),
        ("bc2", ["broadcaster"]),
        ("ap", ["approver"]),
        ("boss", ["broadcaster", "approver"]),
        ("tech", ["technician"]),
        ("admin", ["admin"]),
        ("viewer", ["viewer"]),
    ];

    public static string Token(string user) => $"{user}-token-0123456789abcdef";

    /// <summary>Each calendar user's password, for signing in through the console's sign-in page.</summary>
    public static string Password(string user) => $"{user}-password-0123";

    public static string[] Args() => All.SelectMany((u, i) =>
        u.Roles.Select((r, j) => $"--Accounts:Users:{i}:Roles:{j}={r}")
            .Append($"--Accounts:Users:{i}:Name={u.Name}")
            .Append($"--Accounts:Users:{i}:Token={Token(u.Name)}")
            .Append($"--Accounts:Users:{i}:Password={Password(u.Name)}")).ToArray();

    public static Task<RunningController> StartAsync(string dataDir) => RunningController.StartAsync(dataDir, null, Args());

    public static ApiClient As(this RunningController controller, string user) => new(controller.Http, Token(user));

    public static ApiClient Anonymous(this RunningController controller) => new(controller.Http, null);
}

/// <summary>Requests with one user's bearer token (or none).</summary>
public sealed class ApiClient(HttpClient http, string? token)
{
    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(HttpMethod.Get, url, null);
    public Task<HttpResponseMessage> DeleteAsync(string url) => SendAsync(HttpMethod.Delete, url, null);
    public Task<HttpResponseMessage> PostAsync(string url, object? body = null) => SendAsync(HttpMethod.Post, url, Json(body));
    public Task<HttpResponseMessage> PutAsync(string url, object body) => SendAsync(HttpMethod.Put, url, Json(body));
    public Task<HttpResponseMessage> PostRawAsync(string url, string body, string contentType) =>
        SendAsync(HttpMethod.Post, url, new StringContent(body, Encoding.UTF8, contentType));

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    /// <summary>GET that must succeed, as JSON.</summary>
    public async Task<JsonElement> GetJsonAsync(string url)
    {
        var response = await GetAsync(url);
        return await Ok(response);
    }

    /// <summary>POST that must succeed, as JSON.</summary>
    public async Task<JsonElement> PostOkAsync(string url, object? body = null) => await Ok(await PostAsync(url, body));

    public static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static StringContent? Json(object? body) =>
        body is null ? null : new StringContent(body as string ?? JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");
}
