namespace InfoRadio.Controller.Relay;

/// <summary>What <see cref="SourceHealthDetector"/> says of a connected source.</summary>
public enum SourceVerdict
{
    /// <summary>Audio is arriving and is not silent for too long.</summary>
    Healthy,

    /// <summary>No audio for longer than the no-data timeout.</summary>
    NoData,

    /// <summary>Audio arrives but has been silent for longer than the silence timeout.</summary>
    Silent,
}
