using InfoRadio.Controller.Relay;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Runtime;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Tests.Relay;

public sealed class RelayProgramAudioLoader_Tests
{
    [Fact]
    public void A_stream_relay_program_loads_as_a_relay_lasting_the_program_and_resumes_as_a_shorter_relay()
    {
        var options = new RelayOptions { FallbackMediaId = "m-default" };
        var runtime = new RelayRuntime(Options.Create(options), new RelayConnector(Options.Create(options)), new InMemoryMediaLibrary(),
            TimeProvider.System, NullLogger<RelayRuntime>.Instance);
        var loader = new ProgramAudioLoader(new InMemoryMediaLibrary(), relays: runtime);
        var program = new BroadcastProgram
        {
            Id = "vov1", Title = "Tiếp sóng", Content = new StreamRelayContent("http://radio.example/vov1"), Class = PriorityClass.Normal,
            Origin = OriginLevel.Central, Author = "bc", Duration = TimeSpan.FromMinutes(30),
        };

        var (audio, problem) = loader.Load(program);

        Assert.Null(problem);
        var relay = Assert.IsType<RelayProgramAudio>(audio);
        Assert.Equal(30L * 60 * 48_000, relay.SampleCount);
        Assert.Equal("m-default", relay.Health.View().FallbackMediaId);
        Assert.Equal("connecting", relay.Health.View().State);
        var rest = Assert.IsType<RelayProgramAudio>(relay.From(10L * 60 * 48_000));
        Assert.Equal(20L * 60 * 48_000, rest.SampleCount);
        Assert.Same(relay.Health, rest.Health);

        var own = loader.Load(program with { Content = new StreamRelayContent("http://radio.example/vov1", "m-own") }).Audio;
        Assert.Equal("m-own", Assert.IsType<RelayProgramAudio>(own).Health.View().FallbackMediaId);
    }

    [Theory]
    [InlineData("ftp://radio.example/a.mp3", "http or https")]
    [InlineData("http://user:pw@radio.example/a.mp3", "user name")]
    [InlineData("http://radio.example/a.mp3", null)]
    public void The_relay_content_is_validated(string url, string? problem)
    {
        var error = new StreamRelayContent(url).Validate();
        if (problem is null) Assert.Null(error);
        else Assert.Contains(problem, error);
        Assert.Contains("fallback media id", new StreamRelayContent("http://radio.example/a.mp3", "bad id!").Validate());
    }

    [Fact]
    public void Relay_options_are_checked()
    {
        Assert.Empty(new RelayOptions().Validate());
        var errors = new RelayOptions { PrebufferMs = 5_000, MaxBufferMs = 6_000, RetryDelayMs = 5, NoDataTimeoutMs = 0 }.Validate();
        Assert.Contains(errors, e => e.Contains("Relay:MaxBufferMs"));
        Assert.Contains(errors, e => e.Contains("Relay:RetryDelayMs"));
        Assert.Contains(errors, e => e.Contains("Relay:NoDataTimeoutMs"));
    }
}
