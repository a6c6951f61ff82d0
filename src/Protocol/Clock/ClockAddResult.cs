namespace InfoRadio.Protocol.Clock;

/// <summary>What <see cref="ClockDriftEstimator.Add"/> did with an exchange.</summary>
public enum ClockAddResult
{
    /// <summary>Kept; the model was refitted.</summary>
    Accepted,

    /// <summary>No real exchange can produce these times (see <see cref="ClockSample.IsPlausible"/>); ignored.</summary>
    Implausible,

    /// <summary>
    /// The exchange contradicts the model by far more than any network delay can explain: one of the clocks was
    /// stepped. Every earlier sample was forgotten and the model restarted from this one; synchronise again.
    /// </summary>
    Jump,
}
