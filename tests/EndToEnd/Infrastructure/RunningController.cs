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

    /// <summary>
    /// Every test controller has this technician (Accounts:Users:99, beside whatever users a test configures) so
    /// that registering and listing speakers, which need a technician or an admin, works everywhere.
    /// </summary>
    public const string InstallerName = "e2e-installer";
    public const string InstallerToken = "e2e-installer-token-0123456789abcdef";

    /// <summary>Every test controller has this broadcaster too (Accounts:Users:98): starting a broadcast needs the role.</summary>
    public const string BroadcasterName = "e2e-broadcaster";
    public const string BroadcasterToken = "e2e-broadcaster-token-0123456789abcdef";

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
            $"--Accounts:Users:99:Name={InstallerName}",
            "--Accounts:Users:99:Roles:0=technician",
            $"--Accounts:Users:99:Token={InstallerToken}",
            $"--Accounts:Users:98:Name={BroadcasterName}",
            "--Accounts:Users:98:Roles:0=broadcaster",
            $"--Accounts:Users:98:Token={BroadcasterToken}",
            .. extraArgs,
        ];
        var app = ControllerApp.Build(args, configureServices);
        await app.StartAsync();
        var controller = new RunningController(app, http, broker, dataDir);
        await Eventually.TrueAsync(async () => (await controller.Http.GetAsync("/healthz")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(10), "controller healthy");
        return controller;
    }

    /// <summary>Requests signed in as the built-in technician (<see cref="InstallerToken"/>).</summary>
    public ApiClient Installer => new(Http, InstallerToken);

    /// <summary>Requests signed in as the built-in broadcaster (<see cref="BroadcasterToken"/>).</summary>
    public ApiClient Broadcaster => new(Http, BroadcasterToken);

    public async Task<string> RegisterDeviceAsync(string id)
    {
        var response = await Installer.PostAsync("/api/devices", new { id, name = $"Speaker {id}" });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("secret").GetString()!;
    }

    public async Task<HashSet<string>> OnlineDevicesAsync()
    {
        var devices = await Installer.GetJsonAsync("/api/devices");
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
