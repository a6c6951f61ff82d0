using InfoRadio.Controller.SoundCard;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Hosting;

public static class SoundCardServiceCollectionExtensions
{
    /// <summary>Live from the controller machine's sound card (<see cref="SoundCardLive"/>, options from "SoundCard"), after broadcasting.</summary>
    public static IServiceCollection AddInfoRadioSoundCard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SoundCardOptions>().Bind(configuration.GetSection(SoundCardOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SoundCardOptions>, SoundCardOptionsValidator>();
        services.AddSingleton<SoundCardLive>();
        services.AddHostedService(sp => sp.GetRequiredService<SoundCardLive>());
        return services;
    }

    private sealed class SoundCardOptionsValidator : IValidateOptions<SoundCardOptions>
    {
        public ValidateOptionsResult Validate(string? name, SoundCardOptions options) =>
            options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
