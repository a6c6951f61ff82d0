using InfoRadio.Controller.Cap;
using InfoRadio.Controller.Hosting;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Tests.Cap;

/// <summary>"Cap" bound from configuration as the controller binds it: configured lists replace defaults, bad values stop the start.</summary>
public sealed class CapOptions_Tests
{
    private static CapOptions Bind(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
        using var services = new ServiceCollection().AddInfoRadioCap(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<CapOptions>>().Value;
    }

    [Fact]
    public void Configured_names_replace_the_defaults_and_sender_origins_bind()
    {
        Assert.Equal(CapOptions.DefaultAdminCodeValueNames, Bind().AdminCodeNames);

        var options = Bind(("Cap:AdminCodeValueNames:0", "MA_XA"), ("Cap:AirAtOnce", "true"), ("Cap:SenderOrigins:vndma.gov.vn", "Central"), ("Cap:Voice", "Southern"));

        Assert.Equal(["MA_XA"], options.AdminCodeNames);
        Assert.True(options.AirAtOnce);
        Assert.Equal(OriginLevel.Central, CapPriorityMap.OriginOf(options, "vndma.gov.vn"));
        Assert.Equal(InfoRadio.Controller.Scheduling.TtsVoice.Southern, options.Voice);
    }

    [Fact]
    public void Out_of_range_settings_are_refused_with_their_names()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(("Cap:Speed", "5"), ("Cap:EmergencyRepeat", "0")));
        Assert.Contains("Cap:Speed must be between 0.5 and 2.0", error.Message);
        Assert.Contains("Cap:EmergencyRepeat must be between 1 and 10", error.Message);
    }
}
