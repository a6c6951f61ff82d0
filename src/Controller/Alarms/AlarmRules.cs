namespace InfoRadio.Controller.Alarms;

/// <summary>
/// The thresholds alarms are raised and cleared at: from configuration (<c>Alarms:Rules</c>) until an administrator
/// or technician saves others through PUT /api/alarms/rules (then kept in LiteDB). Plain settable classes so the
/// configuration binder and JSON fill them; the <see cref="AlarmService"/> only ever holds a copy nobody else sees.
/// </summary>
public sealed class AlarmRules
{
    public OfflineRule Offline { get; set; } = new();
    public FaultRule SpeakerFault { get; set; } = new();
    public FaultRule AmplifierFault { get; set; } = new();
    public FaultRule MainsLost { get; set; } = new();
    public TemperatureRule OverTemperature { get; set; } = new();
    public SignalRule LowSignal { get; set; } = new();

    /// <summary>Every problem, each naming the field (empty when the rules are usable).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Offline is null || SpeakerFault is null || AmplifierFault is null || MainsLost is null || OverTemperature is null || LowSignal is null)
        {
            errors.Add("every rule (offline, speakerFault, amplifierFault, mainsLost, overTemperature, lowSignal) must be present");
            return errors;
        }
        if (!(Offline.AfterMinutes > 0 && Offline.AfterMinutes <= 7 * 24 * 60))
            errors.Add("offline.afterMinutes must be more than 0 and at most 10080 (a week)");
        if (!(OverTemperature.RaiseAtC is >= -60 and <= 150 && OverTemperature.ClearBelowC is >= -60 and <= 150))
            errors.Add("overTemperature.raiseAtC and clearBelowC must be between -60 and 150");
        else if (!(OverTemperature.ClearBelowC <= OverTemperature.RaiseAtC))
            errors.Add("overTemperature.clearBelowC must not be above raiseAtC (the gap between them stops an alarm flapping)");
        if (LowSignal.RaiseBelowDbm is < -160 or > 0 || LowSignal.ClearAboveDbm is < -160 or > 0)
            errors.Add("lowSignal.raiseBelowDbm and clearAboveDbm must be between -160 and 0");
        else if (LowSignal.ClearAboveDbm < LowSignal.RaiseBelowDbm)
            errors.Add("lowSignal.clearAboveDbm must not be below raiseBelowDbm");
        return errors;
    }

    /// <summary>A deep copy (the rules are small).</summary>
    public AlarmRules Clone() => new()
    {
        Offline = new OfflineRule { Enabled = Offline.Enabled, AfterMinutes = Offline.AfterMinutes },
        SpeakerFault = new FaultRule { Enabled = SpeakerFault.Enabled },
        AmplifierFault = new FaultRule { Enabled = AmplifierFault.Enabled },
        MainsLost = new FaultRule { Enabled = MainsLost.Enabled },
        OverTemperature = new TemperatureRule { Enabled = OverTemperature.Enabled, RaiseAtC = OverTemperature.RaiseAtC, ClearBelowC = OverTemperature.ClearBelowC },
        LowSignal = new SignalRule { Enabled = LowSignal.Enabled, RaiseBelowDbm = LowSignal.RaiseBelowDbm, ClearAboveDbm = LowSignal.ClearAboveDbm },
    };
}

/// <summary>A device offline (by its Last Will, its own report or the broker) for longer than <see cref="AfterMinutes"/>.</summary>
public sealed class OfflineRule
{
    public bool Enabled { get; set; } = true;
    public double AfterMinutes { get; set; } = 10;
}

/// <summary>A fault the device reports as such (speaker or amplifier open/short, mains lost).</summary>
public sealed class FaultRule
{
    public bool Enabled { get; set; } = true;
}

/// <summary>Raised at or above <see cref="RaiseAtC"/>, cleared only below <see cref="ClearBelowC"/>.</summary>
public sealed class TemperatureRule
{
    public bool Enabled { get; set; } = true;
    public double RaiseAtC { get; set; } = 70;
    public double ClearBelowC { get; set; } = 65;
}

/// <summary>Raised below <see cref="RaiseBelowDbm"/>, cleared at or above <see cref="ClearAboveDbm"/>; off by default (4G signal varies a lot).</summary>
public sealed class SignalRule
{
    public bool Enabled { get; set; }
    public int RaiseBelowDbm { get; set; } = -110;
    public int ClearAboveDbm { get; set; } = -105;
}
