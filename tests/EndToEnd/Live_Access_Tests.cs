using System.Net;
using System.Net.WebSockets;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>/api/live needs a broadcaster, whose token a browser sends in the query; zones and areas resolve to speakers.</summary>
public sealed class Live_Access_Tests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private RunningController _controller = null!;

    public async Task InitializeAsync()
    {
        _controller = await CalendarUsers.StartAsync(_temp.Sub("data"));
        await Targets.SeedAsync(_controller);
        await _controller.As("tech").PostOkAsync("/api/zones", new { id = "trong", name = "Khu trống" });
    }

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        _temp.Dispose();
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, "needs a signed-in user")]
    [InlineData("access_token=not-a-known-token-000000", HttpStatusCode.Unauthorized, "not recognised")]
    [InlineData("access_token=", HttpStatusCode.Unauthorized, "empty")]
    [InlineData("viewer", HttpStatusCode.Forbidden, "viewer (roles: viewer) may not GET /api/live")]
    [InlineData("ap", HttpStatusCode.Forbidden, "needs another role")]
    public async Task The_upgrade_is_refused_without_a_broadcaster_token(string? who, HttpStatusCode status, string reason)
    {
        var token = who switch { null => "", _ when who.Contains('=') => "&" + who, _ => "&" + LiveClient.TokenQuery(who) };
        var query = "targets=all" + token;
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() =>
            socket.ConnectAsync(new Uri($"ws://127.0.0.1:{_controller.HttpPort}/api/live?{query}"), CancellationToken.None));
        Assert.Equal(status, socket.HttpStatusCode);
        var refusal = await RawUpgrade.RefusalAsync(_controller.HttpPort, $"/api/live?{query}");
        Assert.Contains(reason, refusal);
        Assert.DoesNotContain(CalendarUsers.Token("viewer"), refusal);
    }

    [Theory]
    [InlineData("bc")]
    [InlineData("admin")]
    public async Task A_broadcaster_or_admin_token_in_the_query_opens_the_session(string user)
    {
        using var client = await LiveClient.ConnectAsync(_controller, "targets=d1", user);
        Assert.Equal("on-air", (await client.WaitOnAirAsync()).GetProperty("type").GetString());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await client.CloseAsync());
    }

    [Fact]
    public async Task The_query_token_is_not_accepted_outside_the_live_websocket()
    {
        var plain = await _controller.Http.GetAsync($"/api/zones?{LiveClient.TokenQuery("admin")}");
        Assert.Equal(HttpStatusCode.Unauthorized, plain.StatusCode);
        // Not a WebSocket upgrade: the header is needed even on the live route.
        var notUpgrade = await _controller.Http.GetAsync($"/api/live?targets=all&{LiveClient.TokenQuery("admin")}");
        Assert.Equal(HttpStatusCode.Unauthorized, notUpgrade.StatusCode);
    }

    [Theory]
    [InlineData("zones=cho", new[] { "d1" })]
    [InlineData("areas=0898002", new[] { "d2" })]
    [InlineData("areas=08980", new[] { "d1", "d2" })]
    [InlineData("zones=cho&areas=0898002&targets=d3", new[] { "d1", "d2", "d3" })]
    public async Task Zones_and_areas_resolve_to_the_speakers_placed_in_them(string query, string[] expected)
    {
        using var client = await LiveClient.ConnectAsync(_controller, query);
        var id = (await client.WaitOnAirAsync()).GetProperty("id").GetString()!;
        var view = await Broadcast_EndToEnd_Tests.ViewAsync(_controller, id);
        Assert.Equal(expected, view.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("id").GetString()).Order());
        await client.CloseAsync();
    }

    [Theory]
    [InlineData("zones=nowhere", "unknown targets: zone:nowhere")]
    [InlineData("areas=99999", "unknown targets: area:99999")]
    [InlineData("zones=trong", "no speaker stands in zone:trong")]
    [InlineData("title=x", "name the targets")]
    public async Task Unknown_or_empty_zones_and_areas_refuse_the_upgrade_with_400(string query, string reason)
    {
        var refusal = await RawUpgrade.RefusalAsync(_controller.HttpPort, $"/api/live?{query}&{LiveClient.TokenQuery()}");
        Assert.StartsWith("HTTP/1.1 400", refusal);
        Assert.Contains(reason, refusal);
    }
}
