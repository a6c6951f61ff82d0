using InfoRadio.Controller.Offline;

namespace InfoRadio.Controller.Hosting;

public static class OfflineServiceCollectionExtensions
{
    /// <summary>
    /// Offline play (after the scheduling catalog and broadcasting): the content store, the record of published plan
    /// items, and <see cref="PlanPublisher"/> as a hosted service; options "Offline".
    /// </summary>
    public static IServiceCollection AddInfoRadioOffline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OfflineOptions>().Bind(configuration.GetSection(OfflineOptions.Section))
            .Validate(o => o.Validate() is null, "Offline: invalid settings (Horizon, ContentBaseUrl, ContentGrace, RefreshInterval, PollInterval)")
            .ValidateOnStart();
        services.AddSingleton<ContentStore>();
        services.AddSingleton<ContentSources>();
        services.AddSingleton<PlanItemBook>();
        services.AddSingleton<PlanPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<PlanPublisher>());
        return services;
    }
}
