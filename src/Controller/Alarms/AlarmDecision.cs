namespace InfoRadio.Controller.Alarms;

/// <summary>What a rule decided for one device: raise an alarm of <see cref="Kind"/> or clear the active one.</summary>
public readonly record struct AlarmDecision(string Kind, bool Raise, string Detail);
