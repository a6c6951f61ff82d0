using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace InfoRadio.Bench.Scenarios;

/// <summary>The REST calls a scenario makes, as a broadcaster's tools would.</summary>
/// <param name="installerToken">Bearer token of a technician who is a broadcaster too: registering and listing speakers, and broadcasting, need one.</param>
public sealed class ControllerApiClient(Uri baseAddress, string installerToken) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await _http.GetAsync("/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("the controller did not become healthy");
    }

    public async Task<string> RegisterAsync(string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/devices") { Content = JsonContent.Create(new { id }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", installerToken);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
    }

    public async Task<int> OnlineCountAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/devices");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", installerToken);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var devices = await response.Content.ReadFromJsonAsync<JsonElement>();
        return devices.EnumerateArray().Count(d => d.GetProperty("online").GetBoolean());
    }

    public async Task<string> StartBroadcastAsync(byte[] wav, string targets, string title)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(wav);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "file", "bench.wav");
        form.Add(new StringContent(targets), "targets");
        form.Add(new StringContent(title), "title");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/broadcasts") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", installerToken);
        var response = await _http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"broadcast refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> WaitBroadcastEndAsync(string id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/broadcasts/{id}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", installerToken);
            var view = await (await _http.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
            if (view.GetProperty("state").GetString() is "finished" or "failed" || DateTime.UtcNow > deadline) return view;
            await Task.Delay(200);
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// Where a broadcast's time went, from its record: accepted → announced (decoding and encoding the upload) →
    /// the first speaker's play-started → the last speaker's play-finished → recorded as ended.
    /// </summary>
    public static string Timeline(JsonElement view)
    {
        static DateTimeOffset? At(JsonElement e, string name) =>
            e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetDateTimeOffset() : null;
        var devices = view.GetProperty("devices").EnumerateArray().ToArray();
        var created = At(view, "createdAt");
        var announced = At(view, "startedAt");
        var firstStarted = devices.Select(d => At(d, "startedAt")).Where(t => t is not null).Min();
        var lastFinished = devices.Select(d => At(d, "finishedAt")).Where(t => t is not null).Max();
        var ended = At(view, "endedAt");
        static string Span(DateTimeOffset? from, DateTimeOffset? to) =>
            from is { } f && to is { } t ? FormattableString.Invariant($"{(t - f).TotalSeconds:0.000} s") : "?";
        return $"accepted → announced {Span(created, announced)}, → first play-started {Span(announced, firstStarted)}, → last play-finished {Span(firstStarted, lastFinished)}, → ended {Span(lastFinished, ended)}";
    }
}
