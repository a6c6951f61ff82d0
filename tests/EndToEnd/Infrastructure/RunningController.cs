using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using InfoRadio.Controller.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace InfoRadio.EndToEnd.Tests.Infrastructure;

/// <summary>A real controller (HTTP on loopback, embedded broker on a loopback port, LiteDB in a folder).</summary>
public sealed class RunningController : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly WebApplication _app;

    private RunningController(WebApplication app, int httpPort, int brokerPort, string dataDir)
    {
        _app = app;
        HttpPort = httpPort;
        BrokerPort = brokerPort;
        DataDir = dataDir;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http { get; }
    public int HttpPort { get; }
    public int BrokerPort { get; }
    public string DataDir { get; }
    public IServiceProvider Services => _app.Services;

    public static Task<RunningController> StartAsync(string dataDir, int? brokerPort = null, params string[] extraArgs) =>
        StartAsync(dataDir, configureServices: null, brokerPort, extraArgs);

    /// <param name="configureServices">Registrations made last, e.g. a test's own scheduling catalog.</param>
    public static async Task<RunningController> StartAsync(string dataDir, Action<IServiceCollection>? configureServices, int? brokerPort = null,
        params string[] extraArgs)
    {
        var http = FreePort.Next();
        var broker = brokerPort ?? FreePort.Next();
        string[] args =
        [
            "--urls", $"http://127.0.0.1:{http}",
            $"--Broker:Port={broker}",
            $"--Storage:DataDir={dataDir}",
            "--Logging:LogLevel:Default=Warning",
            .. extraArgs,
        ];
        var app = ControllerApp.Build(args, configureServices);
        await app.StartAsync();
        var controller = new RunningController(app, http, broker, dataDir);
        await Eventually.TrueAsync(async () => (await controller.Http.GetAsync("/healthz")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(10), "controller healthy");
        return controller;
    }

    public async Task<string> RegisterDeviceAsync(string id)
    {
        var response = await Http.PostAsJsonAsync("/api/devices", new { id, name = $"Speaker {id}" });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("secret").GetString()!;
    }

    public async Task<HashSet<string>> OnlineDevicesAsync()
    {
        var devices = await Http.GetFromJsonAsync<JsonElement>("/api/devices");
        return devices.EnumerateArray().Where(d => d.GetProperty("online").GetBoolean())
            .Select(d => d.GetProperty("id").GetString()!).ToHashSet();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
