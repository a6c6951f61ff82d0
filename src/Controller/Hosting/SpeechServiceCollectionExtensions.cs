using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Speech;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Hosting;

public static class SpeechServiceCollectionExtensions
{
    /// <summary>
    /// Vietnamese text-to-speech (after the scheduling catalog, whose media library keeps the renderings): options
    /// "Speech", "Speech:EspeakNg", "Speech:Http"; the engine chosen by Speech:Engine; <see cref="ISpeechSynthesizer"/>
    /// (<see cref="SpeechSynthesizer"/>); <see cref="ITtsBulletinRenderings"/> for the scheduler
    /// (<see cref="BulletinRenderings"/>); and, unless Speech:PrerenderBulletins is false, the background renderer.
    /// </summary>
    public static IServiceCollection AddInfoRadioSpeech(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SpeechOptions>().Bind(configuration.GetSection(SpeechOptions.Section))
            .Validate(o => o.Validate() is null, "Speech: invalid settings (Engine espeak-ng|http, MaxChunkCharacters 40-5000, SentencePauseMs 0-5000, MaxConcurrentRenders 1-16, RenderOnMissTimeoutSeconds 1-600)")
            .ValidateOnStart();
        services.AddOptions<EspeakNgOptions>().Bind(configuration.GetSection(EspeakNgOptions.Section))
            .Validate(o => o.Validate() is null, "Speech:EspeakNg: invalid settings (Executable, WordsPerMinute 60-400, TimeoutSeconds 1-600, voice ids)")
            .ValidateOnStart();
        services.AddOptions<HttpSpeechOptions>().Bind(configuration.GetSection(HttpSpeechOptions.Section))
            .Validate<IOptions<SpeechOptions>>((o, speech) => speech.Value.Engine != SpeechOptions.Http || o.Validate() is null,
                "Speech:Http: invalid settings (Url absolute http/https, ApiKeyHeader, TimeoutSeconds 1-600, MaxResponseBytes 1 KiB-1 GiB)")
            .ValidateOnStart();

        services.AddSingleton<EspeakNgEngine>();
        services.AddSingleton(sp => new HttpSpeechEngine(
            new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, // the engine's own timeout applies
            sp.GetRequiredService<IOptions<HttpSpeechOptions>>(), sp.GetRequiredService<Audio.AudioFileDecoder>()));
        services.AddSingleton<ISpeechEngine>(sp => sp.GetRequiredService<IOptions<SpeechOptions>>().Value.Engine == SpeechOptions.Http
            ? sp.GetRequiredService<HttpSpeechEngine>()
            : sp.GetRequiredService<EspeakNgEngine>());
        services.AddSingleton<SpeechSynthesizer>();
        services.AddSingleton<ISpeechSynthesizer>(sp => sp.GetRequiredService<SpeechSynthesizer>());
        services.AddSingleton<BulletinRenderings>();
        services.AddSingleton<ITtsBulletinRenderings>(sp => sp.GetRequiredService<BulletinRenderings>());
        if (configuration.GetValue($"{SpeechOptions.Section}:{nameof(SpeechOptions.PrerenderBulletins)}", true))
            services.AddHostedService<BulletinPrerenderer>();
        return services;
    }
}
