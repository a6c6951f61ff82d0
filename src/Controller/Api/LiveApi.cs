using System.Net.WebSockets;
using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Scheduling;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Api;

/// <summary>
/// /api/live: a live announcement over a WebSocket. <c>GET /api/live?targets=all|id,id…&amp;zones=…&amp;areas=…&amp;title=…</c>
/// (see <see cref="LiveTargets"/>) upgrades to a WebSocket; it needs the <see cref="AccountPolicies.Broadcast"/> policy,
/// and since a browser cannot set headers on a WebSocket the token may come as <c>access_token=</c> in the query.
/// The client sends binary messages of 16-bit little-endian 48 kHz mono PCM as it captures them, and the
/// server answers with one text message when the session goes on air, then closes with a reason when the session
/// ends on its side. Closing the socket (or losing it) ends the session; see <see cref="LiveSocketSession"/>.
/// </summary>
public static class LiveApi
{
    public const string Route = "/api/live";
    public const string DefaultTitle = "Live announcement";

    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, HandleAsync).WithTags("Live").RequireAuthorization(AccountPolicies.Broadcast);
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, BroadcastService broadcasts, IOptions<BroadcastOptions> options,
        TargetResolver resolver, IHostApplicationLifetime lifetime, TimeProvider time, ILoggerFactory loggers)
    {
        var log = loggers.CreateLogger(typeof(LiveApi));
        var query = context.Request.Query;
        var (targets, targetError) = LiveTargets.FromQuery(query).Resolve(resolver, context.Targets());
        if (targets is null) return Reject(log, ApiProblems.BadRequest(targetError!), "bad targets");
        var title = query["title"].ToString().Trim() is { Length: > 0 } t ? t : DefaultTitle;
        if (!BroadcastsApi.IsValidTitle(title)) return Reject(log, ApiProblems.BadRequest(BroadcastsApi.TitleRule), "bad title");
        // Checked after the targets and title so that a browser, whose WebSocket hides why an upgrade failed, can
        // learn it by asking the same URL over plain HTTP.
        if (!context.WebSockets.IsWebSocketRequest)
            return Reject(log, ApiProblems.BadRequest(
                $"{Route} is a WebSocket endpoint: open it with a WebSocket client and send binary messages of 16-bit little-endian 48 kHz mono PCM"),
                "not a WebSocket");

        LiveBroadcast live;
        try
        {
            live = broadcasts.StartLive(title, targets);
        }
        catch (BroadcastRequestException ex)
        {
            return Reject(log, ApiProblems.BadRequest(ex.Message), "bad request");
        }
        catch (BroadcastCapacityException ex)
        {
            return Reject(log, ApiProblems.Conflict(ex.Message), "too many live sessions");
        }

        WebSocket socket;
        try
        {
            socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
            {
                // Pings that go unanswered reveal a source that vanished without closing (a 4G link that died).
                KeepAliveInterval = TimeSpan.FromSeconds(5),
                KeepAliveTimeout = TimeSpan.FromSeconds(10),
            });
        }
        catch (Exception ex) when (ex is IOException or WebSocketException or InvalidOperationException)
        {
            await live.EndAsync("the WebSocket could not be opened: " + ex.Message);
            throw;
        }
        using (socket)
        {
            var session = new LiveSocketSession(socket, live, options.Value.LiveInput, options.Value.MaxDurationMinutes, time, log);
            await session.RunAsync(context.RequestAborted, lifetime.ApplicationStopping);
        }
        return Results.Empty;
    }

    private static IResult Reject(ILogger log, IResult result, string why) => ApiProblems.Rejected(log, result, "live: " + why);
}
