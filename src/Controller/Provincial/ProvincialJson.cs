using System.Text.Json;
using System.Text.Json.Serialization;

namespace InfoRadio.Controller.Provincial;

/// <summary>The JSON of the provincial link, both ways: camelCase members, enums as kebab-case strings.</summary>
public static class ProvincialJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Strict reading of what the province sends: unknown members and wrong types are refused.</summary>
    public static readonly JsonSerializerOptions Strict = new(Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        MaxDepth = 16,
    };
}

/// <summary>
/// What every push carries around its payload: the message's idempotency key (also the <c>Idempotency-Key</c> header),
/// its kind, the installation it comes from and when it was made.
/// </summary>
public sealed record OutboxEnvelope(string Id, string Kind, string Source, DateTimeOffset CreatedAt, object Payload);

/// <summary>The kinds of push.</summary>
public static class OutboxKinds
{
    public const string DailyReport = "daily-report";
    public const string DeviceStatus = "device-status";
    public const string BulletinConfirmation = "bulletin-confirmation";
}
