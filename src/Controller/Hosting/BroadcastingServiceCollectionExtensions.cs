using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Messaging;

namespace InfoRadio.Controller.Hosting;

public static class BroadcastingServiceCollectionExtensions
{
    /// <summary>Audio decoding, desired state and the broadcast service (after the core services).</summary>
    public static IServiceCollection AddInfoRadioBroadcasting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BroadcastOptions>().Bind(configuration.GetSection(BroadcastOptions.Section));
        services.AddInfoRadioAudio(configuration);
        services.AddSingleton<DesiredStatePublisher>();
        services.AddSingleton<BroadcastStreamer>();
        services.AddSingleton<BroadcastStore>();
        services.AddSingleton<BroadcastService>();
        services.AddSingleton<IDeviceEventObserver>(sp => sp.GetRequiredService<BroadcastService>());
        services.AddHostedService(sp => sp.GetRequiredService<BroadcastService>());
        return services;
    }
}
