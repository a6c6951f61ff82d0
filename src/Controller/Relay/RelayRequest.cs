using InfoRadio.Controller.Broadcasting;

namespace InfoRadio.Controller.Relay;

/// <summary>A live relay to start now: the stream, what speakers see as its title, where, how long, what to air if it fails.</summary>
public sealed record RelayRequest(Uri Url, string Title, BroadcastTargets Targets, TimeSpan Duration, string? FallbackMediaId, string? RequestedBy);
