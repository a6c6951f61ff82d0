namespace InfoRadio.Protocol;

/// <summary>Constants every participant of protocol v1 shares.</summary>
public static class ProtocolVersion
{
    /// <summary>The value of the <c>v</c> field of every JSON message and of the audio packet's first byte.</summary>
    public const int Current = 1;

    /// <summary>The one sample rate of the v1 timeline: every position and duration counts 48 kHz samples.</summary>
    public const int SampleRate = 48_000;

    /// <summary>Largest JSON message accepted on any topic, in bytes.</summary>
    public const int MaxJsonBytes = 16 * 1024;
}
