namespace InfoRadio.Controller.Alarms;

/// <summary>Section <c>Alarms</c>.</summary>
public sealed class AlarmOptions
{
    public const string Section = "Alarms";

    /// <summary>The rules used until some are saved through the API (saved rules win over these from then on).</summary>
    public AlarmRules Rules { get; set; } = new();

    /// <summary>How often the offline rule is checked; an offline alarm is raised at most this late.</summary>
    public double EvaluationIntervalSeconds { get; set; } = 15;

    public IReadOnlyList<string> Validate()
    {
        var errors = (Rules ?? new AlarmRules()).Validate().Select(e => "Alarms:Rules: " + e).ToList();
        if (Rules is null) errors.Add("Alarms:Rules is null");
        if (!(EvaluationIntervalSeconds is >= 0.05 and <= 3600)) errors.Add("Alarms:EvaluationIntervalSeconds must be between 0.05 and 3600");
        return errors;
    }
}
