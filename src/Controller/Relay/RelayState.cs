namespace InfoRadio.Controller.Relay;

/// <summary>What a relay airs now.</summary>
public enum RelayState
{
    /// <summary>Connecting to the source for the first time.</summary>
    Connecting,

    /// <summary>The source is on air.</summary>
    OnSource,

    /// <summary>The source failed; it is being retried and the air gets silence meanwhile.</summary>
    Retrying,

    /// <summary>The source failed too often: the fallback content (or silence) airs while the source is retried.</summary>
    Fallback,

    /// <summary>The relay is over.</summary>
    Stopped,
}
