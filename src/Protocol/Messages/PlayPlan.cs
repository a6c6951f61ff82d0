using System.Text.Json.Serialization;

namespace InfoRadio.Protocol.Messages;

/// <summary>
/// Retained on <c>devices/{id}/plan</c> (QoS 1): the scheduled items the controller expects the device to air in the
/// coming hours whose audio can be fetched ahead. The device downloads each item's <see cref="PlanItem.Content"/> into
/// its cache and, when its link is down at an item's start, plays the item from the cache at that instant (timed by
/// its last clock estimate). While the link is up the desired state alone decides what sounds; the plan only fills
/// the cache. A newer <see cref="Rev"/> replaces the whole plan; items missing from it are no longer expected.
/// </summary>
public sealed record PlayPlan : IValidatable
{
    public const int MaxItems = 64;

    // Required on the wire: the source-generated reader would otherwise read a missing "v" as 0, not as the default.
    [JsonRequired]
    public int V { get; init; } = ProtocolVersion.Current;
    /// <summary>Grows with every change, so a device can ignore a stale copy.</summary>
    public required long Rev { get; init; }
    public required long IssuedUs { get; init; }
    /// <summary>
    /// Absolute http(s) URL that, with an item's content hash appended, is where the content is fetched:
    /// <c>GET {ContentUrl}{sha256}</c> with HTTP Basic authentication (device id, device secret), ranges allowed.
    /// </summary>
    public required string ContentUrl { get; init; }
    /// <summary>Sorted by <see cref="PlanItem.StartUs"/>.</summary>
    public required IReadOnlyList<PlanItem> Items { get; init; }

    public string? Validate()
    {
        var reason = Check.First(
            Check.Version(V),
            Check.Range(Rev, 0, long.MaxValue, "rev"),
            Check.Timestamp(IssuedUs, "issuedUs"),
            CheckContentUrl(ContentUrl),
            Items is null ? "items is required" : null,
            Items is { Count: > MaxItems } ? $"more than {MaxItems} items" : null);
        if (reason is not null) return reason;
        for (var i = 0; i < Items!.Count; i++)
        {
            if (Items[i] is null) return $"items[{i}] is null";
            if (Items[i].Validate() is { } inner) return $"items[{i}]: {inner}";
            if (i > 0 && Items[i].StartUs < Items[i - 1].StartUs) return "items must be sorted by startUs";
        }
        return null;
    }

    private static string? CheckContentUrl(string? url)
    {
        if (Check.Text(url, 500, "contentUrl", required: true) is { } text) return text;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && url!.EndsWith('/')
            ? null
            : "contentUrl must be an absolute http(s) URL ending in '/'";
    }
}
