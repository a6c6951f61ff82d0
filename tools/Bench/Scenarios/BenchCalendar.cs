using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Bench.Scenarios;

/// <summary>
/// The schedule benchmark's calendar, made the way a commune's staff make one: over the controller's REST API with
/// the bearer tokens of users it was configured with (a technician places the speakers, a broadcaster uploads media,
/// writes programs and schedules them, an approver approves what needs it), and read back from the controller's
/// own records (the air ledger, the preemption log).
/// </summary>
public sealed class BenchCalendar : IDisposable
{
    public const string Broadcaster = "bench-bc";
    public const string Approver = "bench-ap";
    public const string Technician = "bench-tech";

    private static readonly (string Name, string Role)[] Users = [(Broadcaster, "broadcaster"), (Approver, "approver"), (Technician, "technician")];

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    // Fresh tokens each run: the controller only ever sees them on its command line.
    private readonly Dictionary<string, string> _tokens = Users.ToDictionary(u => u.Name, _ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    /// <summary>Points the calendar at the controller (started with <see cref="ControllerArgs"/>).</summary>
    public void Connect(Uri controller) => _http.BaseAddress = controller;

    /// <summary>The controller's configuration for these users (<c>--Accounts:Users:i:…</c>).</summary>
    public IEnumerable<string> ControllerArgs() => Users.SelectMany((u, i) => new[]
    {
        $"--Accounts:Users:{i}:Name={u.Name}", $"--Accounts:Users:{i}:Roles:0={u.Role}", $"--Accounts:Users:{i}:Token={_tokens[u.Name]}",
    });

    /// <summary>A province, a commune and its villages (codes), imported by the technician.</summary>
    public Task ImportAreasAsync(string province, string commune, IEnumerable<string> villages) =>
        SendAsync(Technician, HttpMethod.Post, "/api/areas", JsonContent.Create(new
        {
            areas = new[] { new { code = province, name = "Bench province", level = "province", parent = (string?)null },
                    new { code = commune, name = "Bench commune", level = "commune", parent = (string?)province } }
                .Concat(villages.Select(v => new { code = v, name = $"Village {v}", level = "village", parent = (string?)commune })),
        }));

    public Task PlaceAsync(string device, string village) =>
        SendAsync(Technician, HttpMethod.Put, $"/api/devices/{device}/placement", JsonContent.Create(new { village, zones = Array.Empty<string>() }));

    /// <summary>Uploads a WAV file to the media library; its id.</summary>
    public async Task<string> UploadAsync(byte[] wav, string title)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(wav);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "file", "bench.wav");
        form.Add(new StringContent(title), "title");
        return (await SendAsync(Broadcaster, HttpMethod.Post, "/api/media", form)).GetProperty("id").GetString()!;
    }

    /// <summary>An audio-file program; one that requires approval is submitted by the broadcaster and approved by the approver.</summary>
    public async Task AddProgramAsync(string id, string title, string mediaId, string cls, string preemption, bool requiresApproval)
    {
        await SendAsync(Broadcaster, HttpMethod.Post, "/api/programs", JsonContent.Create(new
        {
            id, title, kind = "audio-file", mediaId, @class = cls, origin = "commune", preemption, requiresApproval,
        }));
        if (!requiresApproval) return;
        await SendAsync(Broadcaster, HttpMethod.Post, $"/api/programs/{id}/submit", null);
        var approved = await SendAsync(Approver, HttpMethod.Post, $"/api/programs/{id}/approve", null);
        if (!approved.GetProperty("canAir").GetBoolean()) throw new InvalidOperationException($"program {id} cannot air after its approval");
    }

    /// <summary>A once schedule at <paramref name="start"/> (sent as Vietnam local time) for the given areas.</summary>
    public Task AddOnceAsync(string id, string programId, DateTimeOffset start, string[] areas, string? clashPolicy) =>
        SendAsync(Broadcaster, HttpMethod.Post, "/api/schedules", JsonContent.Create(new
        {
            id, programId, clashPolicy,
            targets = new { devices = Array.Empty<string>(), zones = Array.Empty<string>(), areas },
            recurrence = new { kind = "once", at = BroadcastTimeZone.ToLocal(start).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) },
        }));

    /// <summary>The air ledger's records of slots starting on a Vietnam calendar day.</summary>
    public async Task<IReadOnlyList<JsonElement>> AiringsAsync(DateOnly day) =>
        (await SendAsync(Broadcaster, HttpMethod.Get, $"/api/airings?day={day:yyyy-MM-dd}", null)).EnumerateArray().ToList();

    public async Task<IReadOnlyList<JsonElement>> PreemptionsAsync(string device) =>
        (await SendAsync(Broadcaster, HttpMethod.Get, $"/api/devices/{device}/preemptions?limit=1000", null)).EnumerateArray().ToList();

    /// <summary>Each broadcast session's title (a scheduled session carries its program's title).</summary>
    public async Task<Dictionary<string, string>> SessionTitlesAsync()
    {
        var list = await SendAsync(Broadcaster, HttpMethod.Get, "/api/broadcasts?limit=500", null);
        return list.EnumerateArray().ToDictionary(b => b.GetProperty("id").GetString()!, b => b.GetProperty("title").GetString()!);
    }

    /// <summary>A JSON request as <paramref name="user"/> that must succeed; its answer.</summary>
    public Task<JsonElement> SendJsonAsync(string user, HttpMethod method, string url, object? body) =>
        SendAsync(user, method, url, body is null ? null : JsonContent.Create(body));

    private async Task<JsonElement> SendAsync(string user, HttpMethod method, string url, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[user]);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {url} as {user}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}
