using System.Globalization;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Alarms;

/// <summary>
/// The alarm rules as pure functions: given the rules, a reading and which alarms are active, what must be raised
/// or cleared. Only changes come out, so a repeated report with the same reading decides nothing. A field the
/// report leaves out decides nothing either (a board that cannot tell must not clear an alarm).
/// </summary>
public static class AlarmEvaluator
{
    public static IReadOnlyList<AlarmDecision> EvaluateTelemetry(AlarmRules rules, Telemetry telemetry, Func<string, bool> isActive)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(isActive);
        var decisions = new List<AlarmDecision>(0);
        void Decide(string kind, bool enabled, bool? raise, bool? clear, string detail)
        {
            var active = isActive(kind);
            if (!enabled)
            {
                if (active) decisions.Add(new AlarmDecision(kind, false, "rule disabled"));
                return;
            }
            if (!active && raise == true) decisions.Add(new AlarmDecision(kind, true, detail));
            else if (active && clear == true) decisions.Add(new AlarmDecision(kind, false, detail));
        }

        var speaker = telemetry.SpeakerFault;
        Decide(AlarmKinds.SpeakerFault, rules.SpeakerFault.Enabled, speaker is "open" or "short", speaker == "ok", $"speakerFault={speaker}");
        var amplifier = telemetry.AmplifierFault;
        Decide(AlarmKinds.AmplifierFault, rules.AmplifierFault.Enabled, amplifier is "open" or "short", amplifier == "ok", $"amplifierFault={amplifier}");
        var mains = telemetry.MainsLost;
        Decide(AlarmKinds.MainsLost, rules.MainsLost.Enabled, mains, mains is null ? null : !mains.Value,
            "mainsLost=" + (mains == true ? "true" : "false") + (telemetry.SupplyVolts is { } v ? $", supplyVolts={F(v)}" : ""));
        var t = telemetry.TemperatureC;
        var temp = rules.OverTemperature;
        Decide(AlarmKinds.OverTemperature, temp.Enabled, t >= temp.RaiseAtC, t < temp.ClearBelowC,
            $"temperatureC={F(t ?? 0)} (raise at {F(temp.RaiseAtC)}, clear below {F(temp.ClearBelowC)})");
        var s = telemetry.SignalDbm;
        var signal = rules.LowSignal;
        Decide(AlarmKinds.LowSignal, signal.Enabled, s < signal.RaiseBelowDbm, s >= signal.ClearAboveDbm,
            $"signalDbm={s} on {telemetry.Network ?? "unknown network"} (raise below {signal.RaiseBelowDbm}, clear at {signal.ClearAboveDbm})");
        return decisions;
    }

    /// <summary>
    /// The offline rule. A device is offline since it was last seen, or since the controller started watching when
    /// that is later: nobody can tell what happened while the controller itself was down, so after a restart every
    /// device gets the full delay to reconnect. A device never seen at all (registered, not yet installed) is not
    /// alarmed.
    /// </summary>
    public static AlarmDecision? EvaluateOffline(AlarmRules rules, bool online, DateTimeOffset? lastSeen, DateTimeOffset watchingSince,
        DateTimeOffset now, bool active)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (!rules.Offline.Enabled) return active ? new AlarmDecision(AlarmKinds.Offline, false, "rule disabled") : null;
        if (online) return active ? new AlarmDecision(AlarmKinds.Offline, false, "back online") : null;
        if (active || lastSeen is not { } seen) return null;
        var since = seen > watchingSince ? seen : watchingSince;
        var after = TimeSpan.FromMinutes(rules.Offline.AfterMinutes);
        return now - since >= after
            ? new AlarmDecision(AlarmKinds.Offline, true, $"offline since {seen.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ} (alarm after {F(rules.Offline.AfterMinutes)} min)")
            : null;
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
