using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Emergency;

namespace InfoRadio.Controller.Tests.Emergency;

public sealed class EmergencyOptions_Tests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(new EmergencyOptions().Validate());
        Assert.Empty(new BroadcastOptions().Validate());
    }

    [Fact]
    public void Each_setting_out_of_range_is_named()
    {
        var errors = new EmergencyOptions { Volume = 101, MaxRepeat = 0, RetryWindowSeconds = -1, MaxRetriesPerDevice = -1, RefreshMs = 5, GapMs = -1, ChimeMediaId = "bad id!", RetryDelayMs = -1 }.Validate();
        Assert.Equal(8, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Emergency:Volume", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Emergency:ChimeMediaId", StringComparison.Ordinal));
    }

    [Fact]
    public void The_emergency_profile_fits_a_second_from_request_to_sound_and_is_validated()
    {
        var profile = BroadcastProfile.EmergencyDefaults();
        Assert.True(profile.StartLeadMs + profile.LatencyMs <= 750, "leaves a quarter second for the controller's own work");
        Assert.True(profile.SendAheadMs < profile.StartLeadMs, "the first packet leaves after speakers had time to subscribe");
        var options = new BroadcastOptions();
        options.Profiles.Emergency.FramesPerPacket = 25; // 500 ms packets in a 400 ms latency
        Assert.Contains(options.Validate(), e => e.StartsWith("Broadcast:Profiles:Emergency", StringComparison.Ordinal));
    }
}
