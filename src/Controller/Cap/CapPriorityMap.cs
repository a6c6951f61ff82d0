using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Cap;

/// <summary>
/// CAP severity, urgency and certainty → the Circular 39 priority class, and sender → origin level.
/// <list type="table">
/// <item>Extreme or Severe, with urgency Immediate or Expected → Emergency (khẩn cấp)</item>
/// <item>any other Extreme, Severe or Moderate → Priority (ưu tiên)</item>
/// <item>Minor, Unknown → Normal (thông thường)</item>
/// <item>certainty Unlikely lowers the result one step (an unlikely event does not cut into every speaker)</item>
/// </list>
/// </summary>
public static class CapPriorityMap
{
    public static PriorityClass ClassOf(string? severity, string? urgency, string? certainty)
    {
        var cls = severity switch
        {
            "Extreme" or "Severe" when urgency is "Immediate" or "Expected" => PriorityClass.Emergency,
            "Extreme" or "Severe" or "Moderate" => PriorityClass.Priority,
            _ => PriorityClass.Normal,
        };
        return certainty == "Unlikely" && cls > PriorityClass.Normal ? cls - 1 : cls;
    }

    /// <summary>Whether <see cref="CapOptions.AirAtOnce"/> lets this alert skip approval.</summary>
    public static bool MayAirAtOnce(CapOptions options, string? severity, string? urgency) =>
        options.AirAtOnce && severity == "Extreme" && urgency == "Immediate";

    public static OriginLevel OriginOf(CapOptions options, string? sender) =>
        sender is not null && options.SenderOrigins.TryGetValue(sender, out var level) ? level : options.DefaultOrigin;
}
