using System.Text.Json.Serialization;

namespace InfoRadio.Protocol.Messages;

/// <summary>
/// How much audio a device keeps queued in its sound card ahead of the speaker (its output buffer). A deeper
/// buffer rides out longer stalls of a busy or slow box; a shallower one suits sessions with a short latency
/// (live). The session's timeline is the same whatever the profile: the device only writes further ahead.
/// </summary>
[JsonConverter(typeof(StrictEnumConverter<LatencyProfile>))]
public enum LatencyProfile
{
    /// <summary>The device's own configured output buffer (the reference agent: <c>Agent:AlsaBufferMs</c>, 200 ms).</summary>
    Standard,
    /// <summary>100 ms output buffer.</summary>
    Low,
    /// <summary>500 ms output buffer (never more than half the session's latency).</summary>
    Robust,
}
