using System.Text.Json.Serialization;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Reports;

/// <summary>How a speaker's play of one session ended, as the speaker itself (or its silence) told it.</summary>
[JsonConverter(typeof(StrictEnumConverter<PlayEnding>))]
public enum PlayEnding
{
    /// <summary>Started and not ended yet.</summary>
    Playing,
    /// <summary>The speaker reported play-finished: its last sample left the sink.</summary>
    Finished,
    /// <summary>The speaker reported play-interrupted (preempted, withdrawn, stream lost); the reason says by what.</summary>
    Interrupted,
    /// <summary>The speaker never reported an end: it went offline, started another session, or the controller restarted.</summary>
    Dropped,
}
