using InfoRadio.Controller.Broadcasting;

namespace InfoRadio.Controller.Relay;

/// <summary>A relay as GET /api/relays shows it: the broadcast (or scheduled program) it feeds and its source's health.</summary>
public sealed record RelayStatusView(string Id, string Kind, string Title, DateTimeOffset CreatedAt, RelayHealthView Health, BroadcastView? Broadcast);
