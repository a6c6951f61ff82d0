using InfoRadio.Controller.Messaging;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Messaging;

public sealed class RepeatedWarningGate_Tests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void The_first_warning_of_a_source_is_logged_then_one_per_interval_with_the_count_held_back()
    {
        var gate = new RepeatedWarningGate(_time, TimeSpan.FromMinutes(1));
        Assert.True(gate.ShouldLog("spk-1/DeviceState", out var held));
        Assert.Equal(0, held);
        for (var i = 0; i < 500; i++) Assert.False(gate.ShouldLog("spk-1/DeviceState", out _));

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(gate.ShouldLog("spk-1/DeviceState", out _));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(gate.ShouldLog("spk-1/DeviceState", out held));
        Assert.Equal(501, held);
        Assert.False(gate.ShouldLog("spk-1/DeviceState", out _));
    }

    [Fact]
    public void Sources_and_kinds_are_gated_apart()
    {
        var gate = new RepeatedWarningGate(_time, TimeSpan.FromMinutes(1));
        Assert.True(gate.ShouldLog("spk-1/DeviceState", out _));
        Assert.True(gate.ShouldLog("spk-1/DeviceEvents", out _));
        Assert.True(gate.ShouldLog("spk-2/DeviceState", out _));
        Assert.False(gate.ShouldLog("spk-2/DeviceState", out _));
    }

    [Fact]
    public void Many_sources_do_not_grow_it_without_bound()
    {
        var gate = new RepeatedWarningGate(_time, TimeSpan.FromMinutes(1));
        for (var i = 0; i < RepeatedWarningGate.MaxSources; i++) gate.ShouldLog($"spk-{i}", out _);
        gate.ShouldLog("spk-0", out _); // held back: its window is not quiet
        Assert.Equal(RepeatedWarningGate.MaxSources, gate.TrackedSources);
        _time.Advance(TimeSpan.FromMinutes(2));

        // Past the bound, windows that are over and held nothing back are dropped; one that held a warning back stays.
        Assert.True(gate.ShouldLog("spk-new", out _));
        Assert.Equal(2, gate.TrackedSources);
        Assert.True(gate.ShouldLog("spk-0", out var held));
        Assert.Equal(1, held);
    }
}
