using InfoRadio.Controller.Messaging;
using InfoRadio.Controller.Reports;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Hosting;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>
    /// Reports (after the core, broadcasting, scheduling, emergency and alarms): <see cref="ReportsOptions"/> from
    /// "Reports" (checked at start-up), the verified play log (<see cref="PlayLogRecorder"/>, an
    /// <see cref="IDeviceEventObserver"/>), the online history and the <see cref="ReportService"/>.
    /// </summary>
    public static IServiceCollection AddInfoRadioReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportsOptions>().Bind(configuration.GetSection(ReportsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReportsOptions>, ReportsOptionsValidator>();
        services.AddSingleton<PlayLogStore>();
        services.AddSingleton<OnlineHistoryStore>();
        services.AddSingleton<PlayLogRecorder>();
        services.AddSingleton<IDeviceEventObserver>(sp => sp.GetRequiredService<PlayLogRecorder>());
        services.AddHostedService(sp => sp.GetRequiredService<PlayLogRecorder>());
        services.AddSingleton<OnlineHistoryRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<OnlineHistoryRecorder>());
        services.AddSingleton<ReportService>();
        // Registered before the provincial link, whose own default (counts and broadcasts only) is a TryAdd.
        services.AddSingleton<Provincial.RegistryDailyReportSource>();
        services.AddSingleton<Provincial.IDailyReportSource, ReportsDailyReportSource>();
        return services;
    }

    private sealed class ReportsOptionsValidator : IValidateOptions<ReportsOptions>
    {
        public ValidateOptionsResult Validate(string? name, ReportsOptions options) =>
            options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
