using System.Net.Http.Headers;
using System.Text;
using InfoRadio.Controller.Audit;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Security;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Offline;

/// <summary>
/// <c>GET /device-api/content/{sha256}</c>: a device fetches the content its play plan names (protocol section 20.2).
/// HTTP Basic with the device id and secret (its MQTT credentials), not a user sign-in, so it lives outside
/// <c>/api</c> and bypasses the user policies. Failed credentials are audited and counted per remote address by the
/// same limiter as bearer tokens (429 once too many). 404 for content the device's current plan does not name, or
/// whose file is missing or corrupt. Ranges are served (206), so a transfer cut by a dropped link resumes.
/// </summary>
public static partial class DeviceContentApi
{
    public const string Prefix = "/device-api/content/";

    public static IEndpointRouteBuilder MapDeviceContentApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Prefix + "{sha256}", Get).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult Get(string sha256, HttpContext http, DeviceRegistry registry, PlanPublisher plans, ContentStore store,
        HttpAuthLimiter limiter, AuditTrail audit, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(DeviceContentApi).FullName!);
        var address = http.Connection.RemoteIpAddress;
        if (limiter.LockedFor(address) is { } wait && wait > TimeSpan.Zero)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        }
        var (device, secret) = Credentials(http.Request.Headers.Authorization);
        if (device is null || secret is null || !registry.VerifySecret(device, secret))
        {
            limiter.RecordFailure(address);
            // Both come from the request: only well-formed values reach the audit trail and the log.
            var who = Protocol.Identifiers.IsValid(device) ? device! : "?";
            audit.Record("device:" + who, "content.fetch", PlanContent.IsSha256Hex(sha256) ? sha256 : "?", succeeded: false, $"bad device credentials from {address}");
            LogBadCredentials(logger, who, address?.ToString() ?? "?");
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"inforadio-device\", charset=\"UTF-8\"";
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }
        if (!PlanContent.IsSha256Hex(sha256) || !plans.Names(device, sha256)) return NotFound(logger, device, sha256, "its plan does not name it");
        if (store.PathOf(sha256) is not { } path) return NotFound(logger, device, sha256, "the file is missing or corrupt");
        return Results.File(path, "application/ogg", enableRangeProcessing: true, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{sha256}\""));
    }

    private static IResult NotFound(ILogger logger, string device, string sha256, string why)
    {
        LogNotServed(logger, device, sha256, why);
        return Results.NotFound();
    }

    private static (string? Device, string? Secret) Credentials(string? header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value) || !"Basic".Equals(value.Scheme, StringComparison.OrdinalIgnoreCase) ||
            value.Parameter is not { Length: > 0 and < 1024 } encoded)
            return (null, null);
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = text.IndexOf(':');
            return colon > 0 ? (text[..colon], text[(colon + 1)..]) : (null, null);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }

    [LoggerMessage(EventId = 8820, Level = LogLevel.Warning, Message = "Content request with bad device credentials (device {Device}) from {Address}")]
    private static partial void LogBadCredentials(ILogger logger, string device, string address);

    [LoggerMessage(EventId = 8821, Level = LogLevel.Information, Message = "Content {Sha256} not served to {Device}: {Why}")]
    private static partial void LogNotServed(ILogger logger, string device, string sha256, string why);
}
