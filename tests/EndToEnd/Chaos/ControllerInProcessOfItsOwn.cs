using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using InfoRadio.Bench.Processes;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests.Chaos;

/// <summary>
/// The built controller program in a child OS process (<see cref="ControllerProcess"/>), so that a test can SIGKILL it
/// and start it again on the same data folder and ports; with the REST calls the chaos tests make.
/// </summary>
public sealed class ControllerInProcessOfItsOwn : IDisposable
{
    private readonly HttpClient _http;

    public ControllerInProcessOfItsOwn(string dataDir, IEnumerable<string>? extraArgs = null, int? brokerPort = null)
    {
        Process = new ControllerProcess(dataDir, ControllerProcess.Program(BuiltPrograms.Controller(AppContext.BaseDirectory)),
            extraArgs, brokerPort: brokerPort);
        _http = new HttpClient { BaseAddress = Process.HttpUri, Timeout = TimeSpan.FromSeconds(30) };
        Api = new ApiClient(_http, Process.InstallerToken);
    }

    public ControllerProcess Process { get; }
    public int BrokerPort => Process.BrokerPort;

    /// <summary>Signed in as the controller's technician, who is a broadcaster too.</summary>
    public ApiClient Api { get; }

    public Task StartAsync() => Process.StartAsync(TimeSpan.FromSeconds(30));

    public async Task<string> RegisterDeviceAsync(string id) =>
        (await Api.PostOkAsync("/api/devices", new { id, name = $"Speaker {id}" })).GetProperty("secret").GetString()!;

    public async Task<HashSet<string>> OnlineDevicesAsync() =>
        (await Api.GetJsonAsync("/api/devices")).EnumerateArray().Where(d => d.GetProperty("online").GetBoolean())
            .Select(d => d.GetProperty("id").GetString()!).ToHashSet();

    public async Task<string[]> DeviceIdsAsync() =>
        (await Api.GetJsonAsync("/api/devices")).EnumerateArray().Select(d => d.GetProperty("id").GetString()!).Order().ToArray();

    /// <summary>Uploads <paramref name="wav"/> as a broadcast to <paramref name="targets"/> (e.g. <c>all</c>, <c>device:a</c>).</summary>
    public async Task<string> StartBroadcastAsync(byte[] wav, string targets, string title)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(wav);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "file", "chaos.wav");
        form.Add(new StringContent(targets), "targets");
        form.Add(new StringContent(title), "title");
        var response = await Api.SendAsync(HttpMethod.Post, "/api/broadcasts", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await ApiClient.Ok(response)).GetProperty("id").GetString()!;
    }

    public Task<JsonElement> BroadcastAsync(string id) => Api.GetJsonAsync($"/api/broadcasts/{id}");

    public async Task<JsonElement> WaitForEndAsync(string id, TimeSpan timeout)
    {
        JsonElement last = default;
        await Eventually.TrueAsync(async () =>
        {
            last = await BroadcastAsync(id);
            return last.GetProperty("state").GetString() is "finished" or "failed";
        }, timeout, $"broadcast {id} ended");
        return last;
    }

    public void Dispose()
    {
        Process.Dispose();
        _http.Dispose();
    }
}
