using System.Text.Json.Serialization;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Broadcasting;

[JsonConverter(typeof(StrictEnumConverter<BroadcastState>))]
public enum BroadcastState
{
    /// <summary>Accepted, not yet on air.</summary>
    Pending,
    /// <summary>Streaming, or waiting for the speakers' play reports.</summary>
    Playing,
    /// <summary>Over, and at least one speaker played it to the end.</summary>
    Finished,
    /// <summary>Over, and no speaker played it to the end.</summary>
    Failed,
}
