namespace InfoRadio.Protocol.Messages;

/// <summary>A message that checks its own values after it was parsed.</summary>
public interface IValidatable
{
    /// <summary>Null when the message is valid; otherwise the first reason it is not.</summary>
    string? Validate();
}
