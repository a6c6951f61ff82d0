using InfoRadio.Controller.Accounts;
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

    /// <summary>
    /// Users and API tokens (<see cref="AccountStore"/>, seeded from "Accounts:Users" at start-up), the bearer-token
    /// authentication scheme and the role policies of <see cref="AccountPolicies"/>.
    /// </summary>
    public static IServiceCollection AddInfoRadioAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountOptions>()
            .Bind(configuration.GetSection(AccountOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountOptions>, AccountOptionsValidator>();
        services.AddSingleton<AccountStore>();
        services.AddHostedService<AccountSeeder>();
        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorization(AccountPolicies.Configure);
        return services;
    }

    private sealed class AccountOptionsValidator : IValidateOptions<AccountOptions>
    {
        public ValidateOptionsResult Validate(string? name, AccountOptions options) =>
            options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
