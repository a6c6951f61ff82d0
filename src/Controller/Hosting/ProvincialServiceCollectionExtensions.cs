using InfoRadio.Controller.Provincial;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Hosting;

public static class ProvincialServiceCollectionExtensions
{
    /// <summary>
    /// The link to the province's source information system (after broadcasting, scheduling and emergency):
    /// <see cref="ProvincialOptions"/> from "Provincial", checked at start-up; the outbox and its sender; the publisher of
    /// daily reports and device status (the daily report from <see cref="IDailyReportSource"/>, by default
    /// <see cref="RegistryDailyReportSource"/>: register another one first to replace it); bulletins and their poller.
    /// </summary>
    public static IServiceCollection AddInfoRadioProvincial(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProvincialOptions>()
            .Bind(configuration.GetSection(ProvincialOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProvincialOptions>, ProvincialOptionsValidator>();
        // The sender keeps its own timeout on the controller's clock; the client's must not cut in first.
        services.AddHttpClient(ProvincialSender.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHttpClient(BulletinAudio.HttpClientName);
        services.AddSingleton<ProvincialOutbox>();
        services.AddHostedService<ProvincialSender>();
        services.TryAddSingleton<IDailyReportSource, RegistryDailyReportSource>();
        services.AddSingleton<ProvincialPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<ProvincialPublisher>());
        services.AddSingleton<BulletinStore>();
        services.AddSingleton<BulletinAudio>();
        services.AddSingleton<BulletinService>();
        services.AddHostedService(sp => sp.GetRequiredService<BulletinService>());
        services.AddSingleton<BulletinPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<BulletinPoller>());
        return services;
    }

    private sealed class ProvincialOptionsValidator : IValidateOptions<ProvincialOptions>
    {
        public ValidateOptionsResult Validate(string? name, ProvincialOptions options) =>
            options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
