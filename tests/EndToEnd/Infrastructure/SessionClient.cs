using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace InfoRadio.EndToEnd.Tests.Infrastructure;

/// <summary>A browser-like client of one controller: keeps the session cookie, sends the console's CSRF header unless told not to.</summary>
public sealed class SessionClient : IDisposable
{
    public const string CookieName = "InfoRadio.Session";

    private readonly HttpClient _http;

    public SessionClient(RunningController controller)
    {
        Cookies = new CookieContainer();
        BaseAddress = new Uri($"http://127.0.0.1:{controller.HttpPort}");
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public CookieContainer Cookies { get; }
    public Uri BaseAddress { get; }

    /// <summary>The session cookie's value, or null when there is none.</summary>
    public string? SessionCookie => Cookies.GetCookies(BaseAddress)[CookieName]?.Value;

    public Task<HttpResponseMessage> SignInAsync(string name, string password) =>
        SendAsync(HttpMethod.Post, "/api/session", new { name, password });

    public async Task SignInOkAsync(string name, string password)
    {
        var response = await SignInAsync(name, password);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"sign-in of {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, bool csrfHeader = true)
    {
        using var request = new HttpRequestMessage(method, url)
        {
            Content = body is null ? null : new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json"),
        };
        if (csrfHeader) request.Headers.Add("X-Requested-With", "InfoRadio");
        return await _http.SendAsync(request);
    }

    public static async Task<string> ProblemDetailAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("detail").GetString()!;
    }

    public void Dispose() => _http.Dispose();
}
