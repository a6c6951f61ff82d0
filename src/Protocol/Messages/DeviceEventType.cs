using System.Text.Json.Serialization;

namespace InfoRadio.Protocol.Messages;

[JsonConverter(typeof(StrictEnumConverter<DeviceEventType>))]
public enum DeviceEventType
{
    /// <summary>The first sample of a session left the device's sink.</summary>
    PlayStarted,
    /// <summary>The last sample of a session left the sink.</summary>
    PlayFinished,
    /// <summary>The session stopped before its end: preempted, cancelled, or its stream was lost.</summary>
    PlayInterrupted,
    /// <summary>Frames had to be concealed or skipped because audio arrived late or not at all.</summary>
    Underrun,
    /// <summary>A failure the controller should know of (sink broken, decoder error…).</summary>
    Error,
}
