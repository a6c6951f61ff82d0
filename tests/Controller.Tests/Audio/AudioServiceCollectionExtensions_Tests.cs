using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Tests.Audio;

public sealed class AudioServiceCollectionExtensions_Tests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddInfoRadioAudio(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    [Fact]
    public void Opus_settings_are_bound_from_configuration()
    {
        using var provider = Build(new() { ["Audio:Opus:Application"] = "Audio", ["Audio:Opus:BitrateBps"] = "64000" });

        var settings = provider.GetRequiredService<IOptions<OpusEncoderSettings>>().Value;

        Assert.Equal((OpusApplicationType.Audio, 64_000, 960), (settings.Application, settings.BitrateBps, settings.FrameSamples));
        Assert.NotNull(provider.GetRequiredService<AudioFileDecoder>());
    }

    [Fact]
    public void Invalid_opus_settings_are_reported_precisely()
    {
        using var provider = Build(new() { ["Audio:Opus:FrameSamples"] = "1000" });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<OpusEncoderSettings>>().Value);
        Assert.Contains("1000 samples is not an Opus frame size", ex.Message);
    }
}
