using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests.Accounts;

/// <summary>/api/users against a real controller: the admin manages users and tokens; every other role gets 403.</summary>
public sealed class Users_Api_Tests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private RunningController _controller = null!;

    public async Task InitializeAsync() => _controller = await CalendarUsers.StartAsync(_temp.Sub("data"));

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("bc")]
    [InlineData("ap")]
    [InlineData("tech")]
    [InlineData("viewer")]
    [InlineData("boss")]
    public async Task Every_role_but_admin_gets_403_on_every_users_endpoint(string user)
    {
        var client = _controller.As(user);
        var body = new { name = "x-user", roles = new[] { "viewer" }, areas = Array.Empty<string>(), password = "long-enough-pass", disabled = false };
        var responses = new[]
        {
            await client.GetAsync("/api/users"),
            await client.GetAsync("/api/users/bc"),
            await client.PostAsync("/api/users", body),
            await client.PutAsync("/api/users/bc", body),
            await client.PostAsync("/api/users/bc/password", new { password = "long-enough-pass" }),
            await client.DeleteAsync("/api/users/bc"),
            await client.PostAsync("/api/users/bc/tokens"),
            await client.DeleteAsync("/api/users/bc/tokens"),
        };
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal("application/problem+json", responses[0].Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _controller.Anonymous().GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task The_admin_creates_lists_changes_resets_and_deletes_a_user_and_every_step_is_audited()
    {
        var admin = _controller.As("admin");
        var created = await admin.PostAsync("/api/users", new { name = "hoa", roles = new[] { "broadcaster" }, areas = new[] { "08980" }, password = "hoa-first-pass" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/users/hoa", created.Headers.Location?.OriginalString);
        var view = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("api", view.GetProperty("source").GetString());
        Assert.True(view.GetProperty("hasPassword").GetBoolean());
        Assert.DoesNotContain("hoa-first-pass", await created.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync("/api/users", new { name = "HOA", roles = new[] { "viewer" }, password = "hoa-first-pass" })).StatusCode);
        var weak = await admin.PostAsync("/api/users", new { name = "minh", roles = new[] { "viewer" }, password = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/users", new { name = "minh", roles = new[] { "chief" }, password = "long-enough-pass" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/users", new { name = "minh", roles = new[] { "viewer" }, password = "long-enough-pass", secret = 1 })).StatusCode);

        var list = await admin.GetJsonAsync("/api/users");
        Assert.Contains(list.EnumerateArray(), u => u.GetProperty("name").GetString() == "hoa");
        Assert.Contains(list.EnumerateArray(), u => u.GetProperty("name").GetString() == "bc" && u.GetProperty("source").GetString() == "configuration");
        Assert.DoesNotContain("password\":\"", (await (await admin.GetAsync("/api/users")).Content.ReadAsStringAsync()).Replace("hasPassword\":", ""));

        using (var hoa = new SessionClient(_controller)) await hoa.SignInOkAsync("hoa", "hoa-first-pass");
        var changed = await admin.PutAsync("/api/users/hoa", new { roles = new[] { "viewer", "approver" }, areas = Array.Empty<string>(), disabled = false });
        Assert.Equal(["approver", "viewer"], (await ApiClient.Ok(changed)).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsync("/api/users/nobody", new { roles = new[] { "viewer" }, disabled = false })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/users/hoa/password", new { password = "hoa-second-pass" })).StatusCode);
        using (var hoa = new SessionClient(_controller))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await hoa.SignInAsync("hoa", "hoa-first-pass")).StatusCode);
            await hoa.SignInOkAsync("hoa", "hoa-second-pass");
        }

        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync("/api/users/bc")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync("/api/users/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsync("/api/users/admin", new { roles = new[] { "viewer" }, disabled = false })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/users/hoa")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/users/hoa")).StatusCode);

        var audit = await admin.GetJsonAsync("/api/audit?target=hoa&limit=50");
        var actions = audit.EnumerateArray().Select(e => (e.GetProperty("action").GetString(), e.GetProperty("succeeded").GetBoolean())).ToList();
        foreach (var expected in new[] { "user.create", "user.update", "user.password.reset", "user.delete", "session.signin" })
            Assert.Contains((expected, true), actions);
        Assert.Contains(("user.create", false), actions);
    }

    [Fact]
    public async Task Tokens_are_issued_once_stored_hashed_and_revoked_together()
    {
        var admin = _controller.As("admin");
        var issued = await admin.PostAsync("/api/users/viewer/tokens");
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var me = await new ApiClient(_controller.Http, token).GetJsonAsync("/api/me");
        Assert.Equal("viewer", me.GetProperty("name").GetString());
        Assert.Equal(2, (await admin.GetJsonAsync("/api/users/viewer")).GetProperty("tokens").GetInt32());
        Assert.DoesNotContain(token, await (await admin.GetAsync("/api/users")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/users/nobody/tokens")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/users/viewer/tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new ApiClient(_controller.Http, token).GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _controller.As("viewer").GetAsync("/api/me")).StatusCode);
        var audit = await admin.GetJsonAsync("/api/audit?target=viewer");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "user.token.revoke" && e.GetProperty("detail").GetString() == "2 token(s) revoked");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "user.token.issue");
    }

    [Fact]
    public async Task Users_created_through_the_api_survive_a_restart_and_the_seeding()
    {
        await _controller.As("admin").PostOkAsync("/api/users", new { name = "hoa", roles = new[] { "viewer" }, password = "hoa-first-pass" });
        var token = (await _controller.As("admin").PostOkAsync("/api/users/hoa/tokens")).GetProperty("token").GetString()!;
        var dataDir = _controller.DataDir;
        await _controller.DisposeAsync();
        _controller = await CalendarUsers.StartAsync(dataDir);

        Assert.Equal("hoa", (await new ApiClient(_controller.Http, token).GetJsonAsync("/api/me")).GetProperty("name").GetString());
        using var hoa = new SessionClient(_controller);
        await hoa.SignInOkAsync("hoa", "hoa-first-pass");
    }
}
