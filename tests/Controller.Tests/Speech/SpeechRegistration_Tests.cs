using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Hosting;
using InfoRadio.Controller.Speech;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Tests.Speech;

/// <summary>Speech:Engine picks the engine; bad settings are refused with what is wrong.</summary>
public sealed class SpeechRegistration_Tests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<AudioFileDecoder>();
        services.AddInfoRadioSpeech(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Espeak_ng_is_the_default_and_http_is_chosen_by_configuration()
    {
        using (var defaults = Build([]))
        {
            Assert.IsType<EspeakNgEngine>(defaults.GetRequiredService<ISpeechEngine>());
            Assert.IsType<SpeechSynthesizer>(defaults.GetRequiredService<ISpeechSynthesizer>());
        }
        using var http = Build(new() { ["Speech:Engine"] = "http", ["Speech:Http:Url"] = "http://127.0.0.1:5002/tts", ["Speech:Http:NorthernVoice"] = "hn" });
        var engine = Assert.IsType<HttpSpeechEngine>(http.GetRequiredService<ISpeechEngine>());
        Assert.Equal("hn", engine.VoiceOf(InfoRadio.Controller.Scheduling.TtsVoice.Northern));
        Assert.Equal("http:http://127.0.0.1:5002/tts", http.GetRequiredService<SpeechSynthesizer>().EngineName);
    }

    [Theory]
    [InlineData("Speech:Engine", "festival", "Speech:")]
    [InlineData("Speech:EspeakNg:WordsPerMinute", "5", "Speech:EspeakNg")]
    [InlineData("Speech:EspeakNg:NorthernVoice", "vi; rm -rf /", "Speech:EspeakNg")]
    public void Bad_settings_are_refused(string key, string value, string section)
    {
        using var provider = Build(new() { [key] = value });
        var e = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = provider.GetRequiredService<IOptions<SpeechOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<EspeakNgOptions>>().Value;
        });
        Assert.Contains(section, e.Message);
    }

    [Fact]
    public void The_http_engine_needs_its_url_only_when_chosen()
    {
        using (var espeak = Build([]))
            Assert.Null(espeak.GetRequiredService<IOptions<HttpSpeechOptions>>().Value.Url);
        using var http = Build(new() { ["Speech:Engine"] = "http" });
        var e = Assert.Throws<OptionsValidationException>(() => http.GetRequiredService<IOptions<HttpSpeechOptions>>().Value);
        Assert.Contains("Speech:Http", e.Message);
    }
}
