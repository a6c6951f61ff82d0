using InfoRadio.Controller.Alarms;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Tests.Alarms;

public sealed class AlarmEvaluator_Tests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly AlarmRules Rules = new();

    private static Telemetry Report(double? temperature = null, bool? mainsLost = null, string? speaker = null, string? amplifier = null,
        int? signal = null) => new()
    {
        AtUs = Start.ToUnixTimeMilliseconds() * 1000,
        TemperatureC = temperature,
        MainsLost = mainsLost,
        SpeakerFault = speaker,
        AmplifierFault = amplifier,
        SignalDbm = signal,
    };

    private static IReadOnlyList<AlarmDecision> Evaluate(Telemetry t, params string[] active) =>
        AlarmEvaluator.EvaluateTelemetry(Rules, t, active.Contains);

    [Fact]
    public void Over_temperature_raises_at_the_threshold_and_clears_only_below_the_clear_point()
    {
        Assert.Empty(Evaluate(Report(temperature: 69.9)));
        var raise = Assert.Single(Evaluate(Report(temperature: 70)));
        Assert.Equal(new AlarmDecision(AlarmKinds.OverTemperature, true, "temperatureC=70 (raise at 70, clear below 65)"), raise);

        // Active: repeated hot readings and readings inside the hysteresis band decide nothing.
        Assert.Empty(Evaluate(Report(temperature: 75), AlarmKinds.OverTemperature));
        Assert.Empty(Evaluate(Report(temperature: 67), AlarmKinds.OverTemperature));
        Assert.Empty(Evaluate(Report(temperature: 65), AlarmKinds.OverTemperature));
        var clear = Assert.Single(Evaluate(Report(temperature: 64.9), AlarmKinds.OverTemperature));
        Assert.False(clear.Raise);
        Assert.Contains("temperatureC=64.9", clear.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("open")]
    [InlineData("short")]
    public void A_speaker_or_amplifier_fault_raises_and_ok_clears(string fault)
    {
        Assert.Equal([new AlarmDecision(AlarmKinds.SpeakerFault, true, $"speakerFault={fault}")], Evaluate(Report(speaker: fault)));
        Assert.Equal([new AlarmDecision(AlarmKinds.AmplifierFault, true, $"amplifierFault={fault}")], Evaluate(Report(amplifier: fault)));
        Assert.Empty(Evaluate(Report(speaker: fault), AlarmKinds.SpeakerFault));
        Assert.Equal([new AlarmDecision(AlarmKinds.SpeakerFault, false, "speakerFault=ok")], Evaluate(Report(speaker: "ok"), AlarmKinds.SpeakerFault));
        Assert.Empty(Evaluate(Report(speaker: "ok")));
    }

    [Fact]
    public void Mains_lost_raises_with_the_supply_voltage_and_mains_back_clears()
    {
        var lost = Report(mainsLost: true) with { SupplyVolts = 12.2 };
        Assert.Equal([new AlarmDecision(AlarmKinds.MainsLost, true, "mainsLost=true, supplyVolts=12.2")], Evaluate(lost));
        Assert.Empty(Evaluate(lost, AlarmKinds.MainsLost));
        Assert.False(Assert.Single(Evaluate(Report(mainsLost: false), AlarmKinds.MainsLost)).Raise);
    }

    [Fact]
    public void A_report_without_a_field_neither_raises_nor_clears_its_alarm()
    {
        string[] all = [AlarmKinds.OverTemperature, AlarmKinds.MainsLost, AlarmKinds.SpeakerFault, AlarmKinds.AmplifierFault];
        Assert.Empty(Evaluate(Report(), all));
        Assert.Empty(Evaluate(Report()));
    }

    [Fact]
    public void Low_signal_is_off_by_default_and_has_its_own_hysteresis_when_on()
    {
        Assert.Empty(Evaluate(Report(signal: -120)));
        var rules = new AlarmRules { LowSignal = new SignalRule { Enabled = true, RaiseBelowDbm = -110, ClearAboveDbm = -105 } };
        Assert.True(Assert.Single(AlarmEvaluator.EvaluateTelemetry(rules, Report(signal: -111), _ => false)).Raise);
        Assert.Empty(AlarmEvaluator.EvaluateTelemetry(rules, Report(signal: -110), _ => false));
        Assert.Empty(AlarmEvaluator.EvaluateTelemetry(rules, Report(signal: -107), k => k == AlarmKinds.LowSignal));
        Assert.False(Assert.Single(AlarmEvaluator.EvaluateTelemetry(rules, Report(signal: -105), k => k == AlarmKinds.LowSignal)).Raise);
    }

    [Fact]
    public void A_disabled_rule_clears_its_active_alarm_and_raises_nothing()
    {
        var rules = new AlarmRules { MainsLost = new FaultRule { Enabled = false } };
        Assert.Empty(AlarmEvaluator.EvaluateTelemetry(rules, Report(mainsLost: true), _ => false));
        Assert.Equal([new AlarmDecision(AlarmKinds.MainsLost, false, "rule disabled")],
            AlarmEvaluator.EvaluateTelemetry(rules, Report(mainsLost: true), k => k == AlarmKinds.MainsLost));
    }

    [Fact]
    public void Offline_raises_after_the_delay_from_last_seen_and_clears_when_back_online()
    {
        var rules = new AlarmRules { Offline = new OfflineRule { AfterMinutes = 10 } };
        var seen = Start.AddMinutes(5);
        Assert.Null(AlarmEvaluator.EvaluateOffline(rules, false, seen, Start, seen.AddMinutes(9).AddSeconds(59), active: false));
        var raise = AlarmEvaluator.EvaluateOffline(rules, false, seen, Start, seen.AddMinutes(10), active: false);
        Assert.Equal(new AlarmDecision(AlarmKinds.Offline, true, "offline since 2026-12-01T08:05:00Z (alarm after 10 min)"), raise);
        Assert.Null(AlarmEvaluator.EvaluateOffline(rules, false, seen, Start, seen.AddHours(5), active: true));
        Assert.Equal(new AlarmDecision(AlarmKinds.Offline, false, "back online"),
            AlarmEvaluator.EvaluateOffline(rules, true, seen.AddHours(5), Start, seen.AddHours(5), active: true));
        Assert.Null(AlarmEvaluator.EvaluateOffline(rules, true, seen, Start, seen, active: false));
    }

    [Fact]
    public void After_a_controller_restart_every_device_gets_the_full_delay_and_a_never_seen_device_none()
    {
        var rules = new AlarmRules { Offline = new OfflineRule { AfterMinutes = 10 } };
        var seenLongAgo = Start.AddDays(-2);
        Assert.Null(AlarmEvaluator.EvaluateOffline(rules, false, seenLongAgo, Start, Start.AddMinutes(9), active: false));
        Assert.True(AlarmEvaluator.EvaluateOffline(rules, false, seenLongAgo, Start, Start.AddMinutes(10), active: false)?.Raise);
        Assert.Null(AlarmEvaluator.EvaluateOffline(rules, false, lastSeen: null, Start, Start.AddDays(3), active: false));
    }

    [Fact]
    public void Rules_refuse_a_clear_point_above_the_raise_point_and_a_non_positive_delay()
    {
        Assert.Empty(new AlarmRules().Validate());
        var bad = new AlarmRules
        {
            Offline = new OfflineRule { AfterMinutes = 0 },
            OverTemperature = new TemperatureRule { RaiseAtC = 60, ClearBelowC = 65 },
            LowSignal = new SignalRule { RaiseBelowDbm = -100, ClearAboveDbm = -110 },
        };
        var errors = bad.Validate();
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("offline.afterMinutes", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("overTemperature.clearBelowC", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("lowSignal.clearAboveDbm", StringComparison.Ordinal));
        Assert.NotEmpty(new AlarmRules { Offline = null! }.Validate());
        Assert.NotEmpty(new AlarmRules { Offline = new OfflineRule { AfterMinutes = double.NaN } }.Validate());
    }
}
