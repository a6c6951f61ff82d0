using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using InfoRadio.Controller.Broker;
using InfoRadio.Controller.Broker.External;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Api;

/// <summary>
/// EMQX 5's HTTP authenticator and authorizer, answered by the controller (<c>Broker:External:Kind=emqx-http</c>):
/// <c>POST /broker/emqx/authn</c> and <c>POST /broker/emqx/authz</c>. Not user endpoints: no sign-in, but every call
/// must carry the shared <see cref="SecretHeader"/>; without <c>emqx-http</c> configured they answer 404.
/// </summary>
public static partial class EmqxHookApi
{
    public const string SecretHeader = "X-InfoRadio-Hook-Secret";
    public const string AuthnPath = "/broker/emqx/authn";
    public const string AuthzPath = "/broker/emqx/authz";

    public static IEndpointRouteBuilder MapEmqxHookApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(AuthnPath, async (HttpRequest http, IOptions<BrokerOptions> options, EmqxHookDecisions decisions, ILoggerFactory logs) =>
        {
            if (Guard(http, options.Value) is { } refused) return refused;
            if (await ReadAsync(http).ConfigureAwait(false) is not { } body) return Results.BadRequest(new { result = "deny" });
            var request = new EmqxAuthnRequest(Text(body, "username"), Text(body, "password"), Text(body, "clientid"), Text(body, "peerhost"));
            var decision = decisions.Authenticate(request);
            if (!decision.Allowed) LogDenied(logs.CreateLogger(typeof(EmqxHookApi)), "connect", request.ClientId ?? "", request.Username ?? "", decision.Reason);
            return Results.Ok(new { result = decision.Allowed ? "allow" : "deny", is_superuser = false });
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapPost(AuthzPath, async (HttpRequest http, IOptions<BrokerOptions> options, EmqxHookDecisions decisions, ILoggerFactory logs) =>
        {
            if (Guard(http, options.Value) is { } refused) return refused;
            if (await ReadAsync(http).ConfigureAwait(false) is not { } body) return Results.BadRequest(new { result = "deny" });
            var retain = Text(body, "retain") is { } r && (r == "true" || r == "1");
            var request = new EmqxAuthzRequest(Text(body, "username"), Text(body, "clientid"), Text(body, "topic"), Text(body, "action"), retain);
            var decision = decisions.Authorize(request);
            if (!decision.Allowed) LogDenied(logs.CreateLogger(typeof(EmqxHookApi)), $"{request.Action} {request.Topic}", request.ClientId ?? "", request.Username ?? "", decision.Reason);
            return Results.Ok(new { result = decision.Allowed ? "allow" : "deny" });
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult? Guard(HttpRequest http, BrokerOptions options)
    {
        if (!options.External.IsEmqxHttp || options.External.HookSecret is not { } secret) return Results.NotFound();
        var presented = http.Headers[SecretHeader].ToString();
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(secret))
            ? null
            : Results.Json(new { result = "deny" }, statusCode: StatusCodes.Status401Unauthorized);
    }

    private static async Task<JsonElement?> ReadAsync(HttpRequest http)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(http.Body, default, http.HttpContext.RequestAborted).ConfigureAwait(false);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>EMQX fills its placeholders as strings, but a hand-written body may carry numbers or booleans.</summary>
    private static string? Text(JsonElement? body, string name) =>
        body is { } b && b.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    [LoggerMessage(EventId = 4710, Level = LogLevel.Warning, Message = "EMQX hook denied {What} for client {ClientId} (user {User}): {Reason}")]
    private static partial void LogDenied(ILogger logger, string what, string clientId, string user, string reason);
}
