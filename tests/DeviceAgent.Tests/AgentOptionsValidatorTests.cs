using Microsoft.Extensions.Configuration;

namespace InfoRadio.DeviceAgent.Tests;

public sealed class AgentOptionsValidatorTests
{
    private static AgentOptions Valid() => new() { DeviceId = "box-1", Secret = "s3cret", Zones = ["all", "village-3"] };

    [Fact]
    public void Valid_options_pass()
    {
        Assert.Empty(AgentOptionsValidator.Check(Valid()));
        Assert.True(AgentOptionsValidator.Check(new AgentOptions { DeviceId = "x", Secret = "y" }).Count == 0, "defaults are valid");
    }

    [Theory]
    [InlineData("", "Agent:DeviceId is empty")]
    [InlineData("Box-1", "Agent:DeviceId must start with a lower-case letter or a digit")]
    [InlineData("box/1", "Agent:DeviceId may contain only a-z, 0-9, '-' and '_'")]
    [InlineData("box+", "Agent:DeviceId may contain only a-z, 0-9, '-' and '_'")]
    [InlineData("controller", "Agent:DeviceId 'controller' is reserved for the controller")]
    public void Device_ids_follow_the_protocol_identifier_rules(string id, string message)
    {
        var options = Valid();
        options.DeviceId = id;
        Assert.Contains(message, AgentOptionsValidator.Check(options));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var options = new AgentOptions
        {
            DeviceId = "ok", Secret = "", Zones = ["all", "Bad Zone"], Sink = "speaker", ControllerPort = 0,
            ReconnectMinDelayMs = 1000, ReconnectMaxDelayMs = 10, MaxConcealedFrames = -1, Volume = 101,
        };
        var errors = AgentOptionsValidator.Check(options);
        Assert.Contains(errors, e => e.StartsWith("Agent:Secret", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Agent:Zones[1]", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Agent:Sink 'speaker' is unknown", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Agent:ControllerPort", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Agent:ReconnectMaxDelayMs", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Agent:MaxConcealedFrames", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Agent:Volume", StringComparison.Ordinal));
    }

    [Fact]
    public void The_agent_refuses_invalid_options_with_the_reasons()
    {
        var options = Valid();
        options.Secret = "";
        var error = Assert.Throws<ArgumentException>(() =>
            new SpeakerAgent(options, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, TimeProvider.System));
        Assert.Contains("Agent:Secret is empty", error.Message);
    }

    [Fact]
    public void The_host_binds_the_agent_section_and_validates_it_at_start()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(["--Agent:DeviceId=Bad", "--Agent:Secret=x"]);
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(builder.Services, TimeProvider.System);
        builder.Services.AddSpeakerAgent(builder.Configuration);
        using var host = builder.Build();
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.Start(host));
        Assert.Contains("Agent:DeviceId must start with a lower-case letter or a digit", error.Failures);
    }

    [Fact]
    public void Zones_bound_from_configuration_always_keep_zone_all()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Agent:DeviceId"] = "box-9", ["Agent:Secret"] = "x", ["Agent:Zones:0"] = "north" })
            .Build();
        var options = new AgentOptions();
        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(configuration.GetSection(AgentOptions.SectionName), options);

        Assert.Empty(AgentOptionsValidator.Check(options));
        Assert.Equal(
            ["inforadio/v1/devices/box-9/desired", "inforadio/v1/devices/box-9/commands", "inforadio/v1/devices/box-9/clock/resp", "inforadio/v1/devices/box-9/plan",
             "inforadio/v1/zones/all/desired", "inforadio/v1/zones/north/desired"],
            DeviceAgent.Link.AgentLink.BuildFilters(options).Select(f => f.Topic));
    }
}
