using InfoRadio.DeviceAgent.Amplifier;
using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.DeviceAgent.Tests.Amplifier;

public sealed class AmplifierSequencerTests : IDisposable
{
    private static readonly RelayDelays Delays = new() { PowerOnDelayMs = 500, AmplifierOnDelayMs = 200, AmplifierOffDelayMs = 3_000, PowerOffDelayMs = 1_000 };

    private readonly FakeTimeProvider _time = TestTime.NewFake();
    private readonly SimulatedRelayDriver _relays;
    private readonly AmplifierSequencer _sequencer;
    private readonly DateTimeOffset _start;

    public AmplifierSequencerTests()
    {
        _relays = new SimulatedRelayDriver(_time);
        _sequencer = new AmplifierSequencer(_relays, Delays, _time, NullLogger.Instance);
        _start = _time.GetUtcNow();
    }

    public void Dispose() => _sequencer.Dispose();

    /// <summary>A millisecond at a time: the fake clock fires a timer at the end of one Advance, not at its due time.</summary>
    private void Advance(TimeSpan span)
    {
        for (var i = 0; i < (int)span.TotalMilliseconds; i++) _time.Advance(TimeSpan.FromMilliseconds(1));
    }

    private (int Relay, bool On, double AtMs)[] Switches() =>
        _relays.Switches.Select(s => (s.Relay, s.On, (s.At - _start).TotalMilliseconds)).ToArray();

    [Fact]
    public void Switches_on_in_time_for_the_first_sample_power_first()
    {
        _sequencer.Prepare(_start.AddSeconds(2));
        Advance(TimeSpan.FromMilliseconds(1_299));
        Assert.Empty(_relays.Switches);
        Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([(1, true, 1_300.0)], Switches());
        Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(_sequencer.AmplifierOn);
        Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([(1, true, 1_300.0), (2, true, 1_800.0)], Switches());
        Assert.True(_sequencer.PowerOn && _sequencer.AmplifierOn);
    }

    [Fact]
    public void Too_late_for_the_lead_switches_both_on_at_once()
    {
        _sequencer.Prepare(_start.AddMilliseconds(300));
        Assert.Equal([(1, true, 0.0), (2, true, 0.0)], Switches());
    }

    [Fact]
    public void An_emergency_never_waits()
    {
        _sequencer.Prepare(_start.AddSeconds(10), urgent: true);
        Assert.Equal([(1, true, 0.0), (2, true, 0.0)], Switches());
    }

    [Fact]
    public void Switches_off_in_reverse_after_each_delay()
    {
        _sequencer.Prepare(_start, urgent: true);
        Advance(TimeSpan.FromSeconds(5));
        _sequencer.Release();
        Advance(TimeSpan.FromMilliseconds(2_999));
        Assert.True(_sequencer.AmplifierOn);
        Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(_sequencer.AmplifierOn);
        Assert.True(_sequencer.PowerOn);
        Advance(TimeSpan.FromMilliseconds(1_000));
        Assert.Equal([(1, true, 0.0), (2, true, 0.0), (2, false, 8_000.0), (1, false, 9_000.0)], Switches());
    }

    [Fact]
    public void A_session_during_the_amplifier_off_delay_cancels_the_off_sequence()
    {
        _sequencer.Prepare(_start, urgent: true);
        _sequencer.Release();
        Advance(TimeSpan.FromSeconds(2));
        _sequencer.Prepare(_time.GetUtcNow().AddSeconds(5));
        Advance(TimeSpan.FromSeconds(30));
        Assert.Equal([(1, true, 0.0), (2, true, 0.0)], Switches());
    }

    [Fact]
    public void A_session_during_the_power_off_delay_switches_the_amplifier_on_again_in_time()
    {
        _sequencer.Prepare(_start, urgent: true);
        _sequencer.Release();
        Advance(TimeSpan.FromMilliseconds(3_500)); // amplifier off at 3000, power off due at 4000
        _sequencer.Prepare(_start.AddMilliseconds(5_000));
        Advance(TimeSpan.FromSeconds(10));
        // The power stayed on; the amplifier comes back amplifierOnDelay before the sample.
        Assert.Equal([(1, true, 0.0), (2, true, 0.0), (2, false, 3_000.0), (2, true, 4_800.0)], Switches());
    }

    [Fact]
    public void Removing_the_session_before_it_starts_cancels_the_switching_on()
    {
        _sequencer.Prepare(_start.AddSeconds(10));
        Advance(TimeSpan.FromSeconds(1));
        _sequencer.Release();
        Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(_relays.Switches);
    }

    [Fact]
    public void Released_during_the_power_settle_time_the_power_goes_off_without_the_amplifier()
    {
        _sequencer.Prepare(_start.AddMilliseconds(1_000)); // power at 300, amplifier at 800
        Advance(TimeSpan.FromMilliseconds(400));
        _sequencer.Release();
        Advance(TimeSpan.FromSeconds(5));
        Assert.Equal([(1, true, 300.0), (1, false, 1_400.0)], Switches());
    }

    [Fact]
    public void Repeated_calls_change_nothing()
    {
        _sequencer.Prepare(_start.AddSeconds(2));
        Advance(TimeSpan.FromMilliseconds(500));
        _sequencer.Prepare(_start.AddSeconds(2));
        Advance(TimeSpan.FromSeconds(2));
        _sequencer.Release();
        Advance(TimeSpan.FromSeconds(1));
        _sequencer.Release(); // must not restart the 3 s amplifier-off delay
        Advance(TimeSpan.FromSeconds(3));
        Assert.Equal([(1, true, 1_300.0), (2, true, 1_800.0), (2, false, 5_500.0), (1, false, 6_500.0)], Switches());
    }

    [Fact]
    public void New_delays_apply_to_the_next_switching()
    {
        _sequencer.Delays = Delays with { PowerOnDelayMs = 1_000, AmplifierOnDelayMs = 1_000 };
        _sequencer.Prepare(_start.AddSeconds(5));
        Advance(TimeSpan.FromSeconds(5));
        Assert.Equal([(1, true, 3_000.0), (2, true, 4_000.0)], Switches());
    }

    [Fact]
    public void A_failing_driver_is_reported_and_the_relay_counts_as_off()
    {
        var errors = new List<string>();
        using var failing = new AmplifierSequencer(new FailingDriver(), Delays, _time, NullLogger.Instance, errors.Add);
        failing.Prepare(_start, urgent: true);
        Assert.False(failing.PowerOn);
        Assert.Contains(errors, e => e.Contains("relay 1 could not be switched on: gpio busy", StringComparison.Ordinal));
    }

    [Fact]
    public void Disposing_switches_everything_off_at_once()
    {
        _sequencer.Prepare(_start, urgent: true);
        _sequencer.Dispose();
        Assert.False(_relays.IsOn(Relays.Power) || _relays.IsOn(Relays.Amplifier));
    }

    private sealed class FailingDriver : IRelayDriver
    {
        public string Name => "failing";
        public void Set(int relay, bool on) => throw new RelayDriverException("gpio busy");
        public void Dispose()
        {
        }
    }
}
