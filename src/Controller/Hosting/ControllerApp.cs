using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Api;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Demo;
using InfoRadio.Controller.Offline;
using InfoRadio.Controller.Security;
using InfoRadio.Controller.Storage;

namespace InfoRadio.Controller.Hosting;

/// <summary>Builds and runs the controller; Program.cs, the tests and the benchmarks all start it through here.</summary>
public static class ControllerApp
{
    public const string DefaultUrls = "http://localhost:8080";

    /// <summary>Exit code when the data directory is held by another controller.</summary>
    public const int ExitDataDirectoryInUse = 3;

    /// <param name="configureServices">Registrations made last (they win); some EndToEnd tests use it to give the scheduler an in-memory calendar.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var demo = args.Contains("--demo");
        // Settings files sit beside the binary, whatever folder the controller is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args.Where(a => a != "--demo").ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (builder.Configuration["urls"] is null && builder.Configuration["ASPNETCORE_URLS"] is null)
            builder.WebHost.UseUrls(DefaultUrls);
        if (demo) builder.Configuration[DemoOptions.Section + ":Enabled"] = "true";
        // HTTPS: Kestrel endpoints from configuration (Kestrel:Endpoints, or an https:// URL); one without a certificate of
        // its own uses the controller's (Broker:Tls:CertificatePath, or the generated development one).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
            https.ServerCertificate ??= kestrel.ApplicationServices.GetRequiredService<ServerCertificateSource>().Certificate));

        // Taken before anything opens the database: LiteDB on Linux does not lock its file itself.
        var dataDir = builder.Configuration["Storage:DataDir"] ?? new StorageOptions().DataDir;
        var dataLock = DataDirectoryLock.Acquire(dataDir);
        builder.Services.AddSingleton(_ => dataLock); // a factory, so the container releases the lock on shutdown

        // Under systemd (Type=notify, deploy/systemd): READY=1 once listening, STOPPING=1 on shutdown, journald log
        // format. Elsewhere (a terminal, the tests) it does nothing.
        builder.Services.AddSystemd();
        builder.Services.AddInfoRadioCore(builder.Configuration);
        builder.Services.AddInfoRadioBroadcasting(builder.Configuration);
        builder.Services.AddInfoRadioDeviceSettings(builder.Configuration);
        builder.Services.AddInfoRadioSoundCard(builder.Configuration);
        builder.Services.AddInfoRadioSchedulingCatalog(builder.Configuration);
        builder.Services.AddInfoRadioSpeech(builder.Configuration);
        builder.Services.AddInfoRadioAccounts(builder.Configuration);
        builder.Services.AddInfoRadioSchedulingRuntime(builder.Configuration);
        builder.Services.AddInfoRadioOffline(builder.Configuration);
        builder.Services.AddInfoRadioRelay(builder.Configuration);
        builder.Services.AddInfoRadioEmergency(builder.Configuration);
        builder.Services.AddInfoRadioDemo(builder.Configuration);
        builder.Services.AddInfoRadioCap(builder.Configuration);
        builder.Services.AddInfoRadioAlarms(builder.Configuration);
        builder.Services.AddInfoRadioEnrollment(builder.Configuration);
        builder.Services.AddInfoRadioReports(builder.Configuration);
        builder.Services.AddInfoRadioProvincial(builder.Configuration);
        configureServices?.Invoke(builder.Services);
        builder.Services.AddProblemDetails();
        builder.Services.AddInfoRadioOpenApi();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The console's pages (wwwroot beside the binary): plain files, no sign-in needed to load them; their API calls sign in.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseSessionGuard();
        app.UseAuthorization();
        app.UseOutsideScopeProblems();
        app.MapHealthApi();
        app.MapInfoRadioOpenApi();
        app.MapDevicesApi();
        app.MapBroadcastsApi();
        app.MapLiveApi();
        app.MapSoundCardApi();
        app.MapSchedulingApis();
        app.MapCapApi();
        app.MapDevicePositionApi();
        app.MapRelaysApi();
        app.MapTtsApi();
        app.MapEmergenciesApi();
        app.MapAuditApi();
        app.MapAlarmsApi();
        app.MapEnrollmentsApi();
        app.MapDeviceListApi();
        app.MapMeApi();
        app.MapSessionApi();
        app.MapMeAccountApi();
        app.MapUsersApi();
        app.MapDemoAccountsApi();
        app.MapDeviceCommandsApi();
        app.MapDeviceConfigApi();
        app.MapDeviceRevocationApi();
        app.MapReportsApi();
        app.MapProvincialApi();
        app.MapDeviceContentApi();
        app.MapEmqxHookApi();
        return app;
    }

    public static async Task<int> RunAsync(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        WebApplication app;
        try
        {
            app = Build(args, configureServices);
        }
        catch (DataDirectoryInUseException ex)
        {
            await Console.Error.WriteLineAsync($"InfoRadio controller not started: {ex.Message}");
            return ExitDataDirectoryInUse;
        }
        await app.RunAsync();
        return 0;
    }
}
