using Microsoft.Extensions.Options;

using InfoRadio.Controller.Audio;

namespace InfoRadio.Controller.Hosting;

public static class AudioServiceCollectionExtensions
{
    /// <summary>
    /// Registers the audio pipeline: <see cref="AudioFileDecoder"/> (stateless, shared) and
    /// <see cref="OpusEncoderSettings"/> bound from the "Audio:Opus" section and checked at start-up, and the start-up
    /// line saying which Opus implementation encodes.
    /// </summary>
    public static IServiceCollection AddInfoRadioAudio(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AudioFileDecoder>();
        services.AddOptions<OpusEncoderSettings>()
            .Bind(configuration.GetSection(OpusEncoderSettings.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OpusEncoderSettings>, OpusEncoderSettingsValidator>();
        services.AddHostedService<OpusStartupReport>();
        return services;
    }

    /// <summary>Reports exactly what is wrong with the settings.</summary>
    private sealed class OpusEncoderSettingsValidator : IValidateOptions<OpusEncoderSettings>
    {
        public ValidateOptionsResult Validate(string? name, OpusEncoderSettings options) =>
            options.Validate() is { } problem ? ValidateOptionsResult.Fail($"Audio:Opus: {problem}") : ValidateOptionsResult.Success;
    }
}
