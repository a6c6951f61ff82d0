namespace InfoRadio.Controller.Scheduling;

/// <summary>How a clash would play out at the devices it touches.</summary>
public enum ClashOutcome
{
    /// <summary>The new program has the higher class or origin: it takes the air; the other follows its preemption policy.</summary>
    CandidateOutranks,
    /// <summary>The existing program has the higher class or origin: the new one follows its own preemption policy.</summary>
    CandidateOutranked,
    /// <summary>Same class and origin: the broadcaster's clash policy (override or append) decides.</summary>
    PolicyDecides,
}
