using InfoRadio.Controller.Api;
using InfoRadio.Controller.Media;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.Controller.Targets;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Hosting;

/// <summary>
/// What the scheduler reads, kept apart from the runtime that airs it: the durable catalog (<see cref="ISchedulingCatalog"/>),
/// the target directory (<see cref="ITargetDirectory"/>), the media library (<see cref="IMediaAudioSource"/>), the
/// clash detector and the .ics codec. Needs the core services and the audio decoder (<c>AddInfoRadioBroadcasting</c>).
/// </summary>
public static class SchedulingCatalogServiceCollectionExtensions
{
    public static IServiceCollection AddInfoRadioSchedulingCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MediaOptions>()
            .Bind(configuration.GetSection(MediaOptions.Section))
            .Validate(o => o.Validate() is null, "Media: a limit is out of range (MaxUploadBytes > 0, MaxDurationMinutes 1-1440, MaxPlaylistItems 1-10000)")
            .ValidateOnStart();
        services.AddOptions<SchedulingApiOptions>()
            .Bind(configuration.GetSection(SchedulingApiOptions.Section))
            .Validate(o => o.Validate() is null, "Scheduling: ClashHorizonDays must be 1-400 and NextSlots 1-100")
            .ValidateOnStart();

        services.AddSingleton<LiteDbSchedulingCatalog>();
        services.AddSingleton<ISchedulingCatalog>(sp => sp.GetRequiredService<LiteDbSchedulingCatalog>());
        services.AddSingleton<TargetDirectory>();
        services.AddSingleton<ITargetDirectory>(sp => sp.GetRequiredService<TargetDirectory>());
        services.AddSingleton<MediaLibrary>();
        services.AddSingleton<IMediaAudioSource>(sp => sp.GetRequiredService<MediaLibrary>());
        services.AddSingleton(sp => new TargetResolver(sp.GetRequiredService<ITargetDirectory>()));
        services.AddSingleton(sp => new ClashDetector(sp.GetRequiredService<TargetResolver>()));
        services.AddSingleton(_ => new IcsCodec());
        return services;
    }
}
