namespace InfoRadio.Controller.Media;

/// <summary>Library items played one after the other, as one program; its length is the sum of theirs.</summary>
public sealed record MediaPlaylist(string Id, string Title, IReadOnlyList<string> Items, string Author, DateTimeOffset CreatedAt);
