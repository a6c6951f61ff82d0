namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// The broadcaster's choice, stored with a schedule, for when its slot meets another of the same class and origin
/// already on a device: take the air, or wait until the other has finished.
/// </summary>
public enum ClashPolicy
{
    /// <summary>Wait in line behind what is on air.</summary>
    Append,
    /// <summary>Take the air; what was playing is preempted and follows its own preemption policy.</summary>
    Override,
}
