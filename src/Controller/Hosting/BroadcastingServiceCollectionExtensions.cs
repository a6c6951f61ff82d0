using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Messaging;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Hosting;

public static class BroadcastingServiceCollectionExtensions
{
    /// <summary>
    /// Audio decoding, desired state and the broadcast service (after the core services). <see cref="BroadcastOptions"/>
    /// is bound from "Broadcast" and checked at start-up; each profile's encoder starts from "Audio:Opus" and takes
    /// its own "Broadcast:Profiles:{Program|Live|WideLive|Emergency}:Opus" keys on top.
    /// </summary>
    public static IServiceCollection AddInfoRadioBroadcasting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddInfoRadioAudio(configuration);
        services.AddOptions<BroadcastOptions>()
            .Configure<IOptions<OpusEncoderSettings>>((options, opus) =>
            {
                // Before the section is bound, so that a profile's own Opus keys override the shared ones.
                options.Profiles.Program.Opus = opus.Value.Clone();
                options.Profiles.Live.Opus = opus.Value.Clone();
                options.Profiles.WideLive.Opus = opus.Value.Clone();
                options.Profiles.Emergency.Opus = opus.Value.Clone();
            })
            .Bind(configuration.GetSection(BroadcastOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BroadcastOptions>, BroadcastOptionsValidator>();
        services.AddSingleton<DesiredStatePublisher>();
        services.AddSingleton<BroadcastStreamer>();
        services.AddSingleton<BroadcastStore>();
        services.AddSingleton<BroadcastService>();
        services.AddSingleton<IDeviceEventObserver>(sp => sp.GetRequiredService<BroadcastService>());
        services.AddHostedService(sp => sp.GetRequiredService<BroadcastService>());
        return services;
    }

    private sealed class BroadcastOptionsValidator : IValidateOptions<BroadcastOptions>
    {
        public ValidateOptionsResult Validate(string? name, BroadcastOptions options) =>
            options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
