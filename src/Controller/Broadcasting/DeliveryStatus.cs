using System.Text.Json.Serialization;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>What one speaker did with one broadcast, as the speaker itself reported it.</summary>
[JsonConverter(typeof(StrictEnumConverter<DeliveryStatus>))]
public enum DeliveryStatus
{
    Pending,
    Playing,
    Finished,
    Failed,
}
