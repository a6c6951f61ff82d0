using System.Text.Json.Serialization;

namespace InfoRadio.Protocol.Messages;

/// <summary>Priority classes of Circular 39/2020, lowest first: a higher class always wins at a device.</summary>
[JsonConverter(typeof(StrictEnumConverter<PriorityClass>))]
public enum PriorityClass
{
    /// <summary>thông thường</summary>
    Normal = 0,
    /// <summary>ưu tiên</summary>
    Priority = 1,
    /// <summary>khẩn cấp: plays at once, at emergency volume, overriding mute.</summary>
    Emergency = 2,
}
