using System.Text.Json.Serialization;

namespace InfoRadio.Protocol.Messages;

/// <summary>Administrative level a session comes from, lowest first: within a class a higher origin wins.</summary>
[JsonConverter(typeof(StrictEnumConverter<OriginLevel>))]
public enum OriginLevel
{
    Commune = 0,
    District = 1,
    Province = 2,
    Central = 3,
}
