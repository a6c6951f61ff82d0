using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests.Accounts;

/// <summary>Password sign-in through POST /api/session and the session cookie, against a real controller over HTTP.</summary>
public sealed class Session_Tests : IAsyncLifetime
{
    public const string AdminPassword = "admin-password-0001";
    public const string LanPassword = "lan-password-0001";

    private readonly TempDirectory _temp = new();
    private RunningController _controller = null!;

    /// <summary>An admin (password and token) and a broadcaster limited to commune 08980 (password only).</summary>
    public static string[] UserArgs(params string[] more) =>
    [
        "--Accounts:Users:0:Name=boss", "--Accounts:Users:0:Roles:0=admin", $"--Accounts:Users:0:Password={AdminPassword}",
        "--Accounts:Users:0:Token=boss-token-0123456789abcdef",
        "--Accounts:Users:1:Name=lan", "--Accounts:Users:1:Roles:0=broadcaster", $"--Accounts:Users:1:Password={LanPassword}",
        "--Accounts:Users:1:Areas:0=08980",
        .. more,
    ];

    public async Task InitializeAsync() =>
        _controller = await RunningController.StartAsync(_temp.Sub("data"), null, UserArgs("--Accounts:Lockout:MaxFailures=3", "--Http:AuthLimit:PerAddress:MaxFailures=1000"));

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Signing_in_sets_a_strict_httponly_cookie_that_works_for_reads_and_needs_the_csrf_header_for_writes()
    {
        using var lan = new SessionClient(_controller);
        var response = await lan.SignInAsync("LAN", LanPassword);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("lan", body.GetProperty("name").GetString());
        Assert.Equal(["broadcaster"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["08980"], body.GetProperty("areas").EnumerateArray().Select(r => r.GetString()));
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionClient.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);

        var me = await (await lan.GetAsync("/api/me")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("lan", me.GetProperty("name").GetString());

        var forged = await lan.SendAsync(HttpMethod.Post, "/api/me/tokens", csrfHeader: false);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("X-Requested-With: InfoRadio", await SessionClient.ProblemDetailAsync(forged));
        var issued = await lan.SendAsync(HttpMethod.Post, "/api/me/tokens");
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        // A bearer request needs no such header: the token is never sent by a browser on its own.
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await new ApiClient(_controller.Http, token).PostAsync("/api/me/tokens")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_name_and_a_wrong_password_get_the_same_401_and_no_cookie()
    {
        using var client = new SessionClient(_controller);
        var wrongPassword = await client.SignInAsync("lan", "not-the-password");
        var wrongName = await client.SignInAsync("nobody-here", LanPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongName.StatusCode);
        Assert.Equal(await SessionClient.ProblemDetailAsync(wrongPassword), await SessionClient.ProblemDetailAsync(wrongName));
        Assert.Null(client.SessionCookie);

        var anonymous = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("POST /api/session", await SessionClient.ProblemDetailAsync(anonymous));
        Assert.Null(anonymous.Headers.Location);

        var audit = await new ApiClient(_controller.Http, "boss-token-0123456789abcdef").GetJsonAsync("/api/audit?action=session.signin");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("actor").GetString() == "nobody-here" && !e.GetProperty("succeeded").GetBoolean());
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_with_429_and_retry_after_even_for_the_right_password()
    {
        using var client = new SessionClient(_controller);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync("lan", $"guess-number-{i}")).StatusCode);
        var locked = await client.SignInAsync("lan", LanPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(14), $"Retry-After {locked.Headers.RetryAfter}");
        Assert.Contains("too many wrong passwords", await SessionClient.ProblemDetailAsync(locked));
        Assert.Null(client.SessionCookie);

        // Only that account: the admin still signs in, sees the lockout, and a password reset lifts it.
        using var boss = new SessionClient(_controller);
        await boss.SignInOkAsync("boss", AdminPassword);
        var view = await (await boss.GetAsync("/api/users/lan")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(view.GetProperty("lockedForSeconds").GetInt32() > 800);
        var audit = await (await boss.GetAsync("/api/audit?action=session.lockout")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("lan", audit.EnumerateArray().Single().GetProperty("target").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await boss.SendAsync(HttpMethod.Post, "/api/users/lan/password", new { password = "a-fresh-password-2" })).StatusCode);
        await client.SignInOkAsync("lan", "a-fresh-password-2");
    }

    [Fact]
    public async Task Signing_out_clears_the_cookie_and_ends_the_session()
    {
        using var lan = new SessionClient(_controller);
        await lan.SignInOkAsync("lan", LanPassword);
        Assert.NotNull(lan.SessionCookie);
        Assert.Equal(HttpStatusCode.Forbidden, (await lan.SendAsync(HttpMethod.Delete, "/api/session", csrfHeader: false)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await lan.SendAsync(HttpMethod.Delete, "/api/session")).StatusCode);
        Assert.Null(lan.SessionCookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await lan.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_copy_of_a_signed_out_cookie_is_refused_even_after_a_restart_and_other_sessions_go_on()
    {
        using var desk = new SessionClient(_controller);
        using var phone = new SessionClient(_controller);
        await desk.SignInOkAsync("lan", LanPassword);
        await phone.SignInOkAsync("lan", LanPassword);
        var copied = desk.SessionCookie!;

        Assert.Equal(HttpStatusCode.NoContent, (await desk.SendAsync(HttpMethod.Delete, "/api/session")).StatusCode);
        using var thief = new SessionClient(_controller);
        thief.Cookies.Add(thief.BaseAddress, new Cookie(SessionClient.CookieName, copied));
        var refused = await thief.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("signed out", await SessionClient.ProblemDetailAsync(refused));
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/me")).StatusCode);

        var dataDir = _controller.DataDir;
        await _controller.DisposeAsync();
        _controller = await RunningController.StartAsync(dataDir, null, UserArgs("--Accounts:Lockout:MaxFailures=3", "--Http:AuthLimit:PerAddress:MaxFailures=1000"));
        using var thiefAgain = new SessionClient(_controller);
        thiefAgain.Cookies.Add(thiefAgain.BaseAddress, new Cookie(SessionClient.CookieName, copied));
        Assert.Equal(HttpStatusCode.Unauthorized, (await thiefAgain.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_but_not_this_one()
    {
        using var desk = new SessionClient(_controller);
        using var phone = new SessionClient(_controller);
        await desk.SignInOkAsync("lan", LanPassword);
        await phone.SignInOkAsync("lan", LanPassword);

        var weak = await desk.SendAsync(HttpMethod.Post, "/api/me/password", new { currentPassword = LanPassword, newPassword = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("at least 10", await SessionClient.ProblemDetailAsync(weak));
        var wrongCurrent = await desk.SendAsync(HttpMethod.Post, "/api/me/password", new { currentPassword = "not-the-password", newPassword = "a-new-password-99" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongCurrent.StatusCode);
        Assert.Contains("current password is wrong", await SessionClient.ProblemDetailAsync(wrongCurrent));
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent,
            (await desk.SendAsync(HttpMethod.Post, "/api/me/password", new { currentPassword = LanPassword, newPassword = "a-new-password-99" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/api/me")).StatusCode);
        var ended = await phone.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, ended.StatusCode);
        Assert.Contains("password was changed", await SessionClient.ProblemDetailAsync(ended));

        using var again = new SessionClient(_controller);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.SignInAsync("lan", LanPassword)).StatusCode);
        await again.SignInOkAsync("lan", "a-new-password-99");
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_its_sessions_and_tokens_stop()
    {
        using var boss = new SessionClient(_controller);
        await boss.SignInOkAsync("boss", AdminPassword);
        using var lan = new SessionClient(_controller);
        await lan.SignInOkAsync("lan", LanPassword);
        var token = (await (await lan.SendAsync(HttpMethod.Post, "/api/me/tokens")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        var disable = await boss.SendAsync(HttpMethod.Put, "/api/users/lan", new { roles = new[] { "broadcaster" }, areas = new[] { "08980" }, disabled = true });
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await lan.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new ApiClient(_controller.Http, token).GetAsync("/api/me")).StatusCode);
        var refused = await new SessionClient(_controller).SignInAsync("lan", LanPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("disabled", await SessionClient.ProblemDetailAsync(refused));
    }

    [Fact]
    public async Task A_cookie_session_opens_the_live_websocket_only_from_this_origin()
    {
        await _controller.RegisterDeviceAsync("d1");
        using var boss = new SessionClient(_controller);
        await boss.SignInOkAsync("boss", AdminPassword);
        var cookie = $"{SessionClient.CookieName}={boss.SessionCookie}";

        var foreign = await RawUpgrade.RefusalAsync(_controller.HttpPort, "/api/live?targets=d1",
            ("Cookie", cookie), ("Origin", "http://evil.example"));
        Assert.StartsWith("HTTP/1.1 403", foreign);
        Assert.Contains("must come from this site", foreign);

        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", cookie);
        socket.Options.SetRequestHeader("Origin", $"http://127.0.0.1:{_controller.HttpPort}");
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{_controller.HttpPort}/api/live?targets=d1"), CancellationToken.None);
        var buffer = new byte[4096];
        var first = await socket.ReceiveAsync(buffer, CancellationToken.None);
        Assert.Contains("on-air", System.Text.Encoding.UTF8.GetString(buffer, 0, first.Count));
        await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }
}
