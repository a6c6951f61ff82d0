using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Tests.Broadcasting;

public sealed class BroadcastProfiles_Tests
{
    private static BroadcastOptions Bind(Dictionary<string, string?> settings)
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddInfoRadioBroadcasting(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
        return provider.GetRequiredService<IOptions<BroadcastOptions>>().Value;
    }

    [Fact]
    public void Defaults_are_the_program_and_live_profiles_of_the_design()
    {
        var options = Bind([]);
        var (program, live) = (options.Profiles.Program, options.Profiles.Live);

        Assert.Equal((1000, 5, 200, 500, 100), (program.LatencyMs, program.FramesPerPacket, program.SendAheadMs, program.StartLeadMs, program.PacketMs));
        Assert.Equal((200, 2, 40, 60, 500), (live.LatencyMs, live.FramesPerPacket, live.PacketMs, live.SendAheadMs, live.StartLeadMs));
        Assert.Equal(80, options.LiveInput.MaxInputLagMs);
        Assert.Equal((OpusApplicationType.Voip, 32_000, false), (live.Opus.Application, live.Opus.BitrateBps, live.Opus.UseInbandFec));
        Assert.Equal((OpusApplicationType.Voip, 32_000), (program.Opus.Application, program.Opus.BitrateBps));
    }

    [Fact]
    public void Each_profile_starts_from_audio_opus_and_takes_its_own_opus_keys_on_top()
    {
        var options = Bind(new()
        {
            ["Audio:Opus:BitrateBps"] = "24000",
            ["Audio:Opus:Complexity"] = "5",
            ["Broadcast:Profiles:Program:Opus:Application"] = "Audio",
            ["Broadcast:Profiles:Program:Opus:BitrateBps"] = "48000",
            ["Broadcast:Profiles:Live:Opus:UseInbandFec"] = "true",
            ["Broadcast:Profiles:Live:Opus:PacketLossPercent"] = "10",
        });
        var (program, live) = (options.Profiles.Program.Opus, options.Profiles.Live.Opus);

        Assert.Equal((OpusApplicationType.Audio, 48_000, 5, false), (program.Application, program.BitrateBps, program.Complexity, program.UseInbandFec));
        Assert.Equal((OpusApplicationType.Voip, 24_000, 5, true, 10), (live.Application, live.BitrateBps, live.Complexity, live.UseInbandFec, live.PacketLossPercent));
        Assert.NotSame(program, live);
    }

    [Fact]
    public void A_deployment_on_4g_raises_the_live_latency()
    {
        var options = Bind(new() { ["Broadcast:Profiles:Live:LatencyMs"] = "600", ["Broadcast:Profiles:Live:FramesPerPacket"] = "2" });
        Assert.Equal((600, 2, 40), (options.Profiles.Live.LatencyMs, options.Profiles.Live.FramesPerPacket, options.Profiles.Live.PacketMs));
        Assert.Equal(1000, options.Profiles.Program.LatencyMs);
    }

    [Fact]
    public void A_live_session_to_a_wide_audience_takes_the_wide_live_profile()
    {
        var options = Bind([]);
        var wide = options.Profiles.WideLive;

        Assert.Equal((1000, 10, 200, 1000), (wide.LatencyMs, wide.FramesPerPacket, wide.PacketMs, wide.StartLeadMs));
        Assert.Same(options.Profiles.Live, options.Profiles.LiveFor(999));
        Assert.Same(wide, options.Profiles.LiveFor(1000));
        Assert.Equal(OpusApplicationType.Voip, wide.Opus.Application);

        var never = Bind(new() { ["Broadcast:Profiles:WideLiveFromSpeakers"] = "0" });
        Assert.Same(never.Profiles.Live, never.Profiles.LiveFor(100_000));
        var early = Bind(new() { ["Broadcast:Profiles:WideLiveFromSpeakers"] = "50", ["Broadcast:Profiles:WideLive:FramesPerPacket"] = "5" });
        Assert.Equal(100, early.Profiles.LiveFor(50).PacketMs);
    }

    [Theory]
    [InlineData("Broadcast:Profiles:WideLive:LatencyMs", "250", "MaxInputLagMs (80) plus a wide live packet (200 ms) must stay below the wide live latency (250 ms)")]
    [InlineData("Broadcast:Profiles:WideLiveFromSpeakers", "-1", "Broadcast:Profiles:WideLiveFromSpeakers must not be negative")]
    [InlineData("Broadcast:Profiles:Live:LatencyMs", "40", "Broadcast:Profiles:Live: a packet of 40 ms does not fit in a latency of 40 ms")]
    [InlineData("Broadcast:Profiles:Program:FramesPerPacket", "0", "Broadcast:Profiles:Program:FramesPerPacket must be between 1 and 50")]
    [InlineData("Broadcast:Profiles:Live:Opus:BitrateBps", "1000", "Broadcast:Profiles:Live:Opus: Opus bitrate 1000 bps is outside 6000–510000")]
    [InlineData("Broadcast:LiveInput:MaxInputLagMs", "160", "MaxInputLagMs (160) plus a live packet (40 ms) must stay below the live latency (200 ms)")]
    [InlineData("Broadcast:LiveInput:MaxMessageBytes", "1", "Broadcast:LiveInput:MaxMessageBytes must be between 2 and 1048576")]
    public void Unusable_settings_fail_at_start_naming_the_setting(string key, string value, string expected)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));
        Assert.Contains(expected, ex.Message);
    }
}
