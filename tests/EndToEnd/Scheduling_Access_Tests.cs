using System.Net;
using System.Text.Json;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>Who may do what on the calendar endpoints: 401 without a valid token, 403 without the role, as problems.</summary>
public sealed class Scheduling_Access_Tests : CalendarTestBase
{
    public static TheoryData<string, string> ReadEndpoints => new()
    {
        { "GET", "/api/programs" }, { "GET", "/api/schedules" }, { "GET", "/api/media" }, { "GET", "/api/playlists" },
        { "GET", "/api/areas" }, { "GET", "/api/zones" }, { "GET", "/api/approvals" }, { "GET", "/api/schedules.ics" },
        { "GET", "/api/airings" },
    };

    [Theory]
    [MemberData(nameof(ReadEndpoints))]
    public async Task Reading_needs_a_token_and_any_role_may_read(string method, string url)
    {
        var anonymous = await Controller.Anonymous().SendAsync(new HttpMethod(method), url, null);
        await AssertProblem(anonymous, HttpStatusCode.Unauthorized, "Bearer");
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);

        var viewer = await Controller.As("viewer").SendAsync(new HttpMethod(method), url, null);
        Assert.Equal(HttpStatusCode.OK, viewer.StatusCode);
    }

    [Theory]
    [InlineData("Bearer not-a-known-token-at-all", "not recognised")]
    [InlineData("Basic dXNlcjpwYXNz", "Bearer <token>")]
    [InlineData("Bearer ", "")]
    public async Task A_bad_authorization_header_is_401_with_the_reason(string header, string detail)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/programs");
        request.Headers.TryAddWithoutValidation("Authorization", header);
        var response = await Controller.Http.SendAsync(request);
        await AssertProblem(response, HttpStatusCode.Unauthorized, detail);
    }

    public static TheoryData<string, string, string> Denials => new()
    {
        // user, method, url: each lacks the role the endpoint needs.
        { "viewer", "POST", "/api/programs" },
        { "tech", "POST", "/api/programs" },
        { "ap", "POST", "/api/programs" },
        { "viewer", "PUT", "/api/programs/p1" },
        { "viewer", "DELETE", "/api/programs/p1" },
        { "viewer", "POST", "/api/programs/p1/submit" },
        { "bc", "POST", "/api/programs/p1/approve" },
        { "admin", "POST", "/api/programs/p1/approve" },
        { "bc", "POST", "/api/programs/p1/reject" },
        { "viewer", "POST", "/api/schedules" },
        { "tech", "POST", "/api/schedules/preview" },
        { "viewer", "POST", "/api/schedules/s1/cancel" },
        { "viewer", "POST", "/api/schedules/import" },
        { "viewer", "POST", "/api/media" },
        { "tech", "DELETE", "/api/media/m1" },
        { "viewer", "POST", "/api/playlists" },
        { "bc", "POST", "/api/areas" },
        { "bc", "POST", "/api/zones" },
        { "viewer", "PUT", "/api/zones/z1" },
        { "ap", "DELETE", "/api/zones/z1" },
        { "bc", "PUT", "/api/devices/d1/placement" },
    };

    [Theory]
    [MemberData(nameof(Denials))]
    public async Task A_user_without_the_role_gets_403_and_an_anonymous_caller_401(string user, string method, string url)
    {
        var denied = await Controller.As(user).SendAsync(new HttpMethod(method), url, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        await AssertProblem(denied, HttpStatusCode.Forbidden, user);
        var anonymous = await Controller.Anonymous().SendAsync(new HttpMethod(method), url, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        await AssertProblem(anonymous, HttpStatusCode.Unauthorized, "");
    }

    [Fact]
    public async Task A_user_taken_out_of_the_configuration_can_no_longer_sign_in()
    {
        Assert.Equal(HttpStatusCode.OK, (await Controller.As("viewer").GetAsync("/api/programs")).StatusCode);
        await RestartAsync("--Accounts:Users:0:Name=bc", "--Accounts:Users:0:Roles:0=broadcaster", $"--Accounts:Users:0:Token={CalendarUsers.Token("bc")}");
        await AssertProblem(await Controller.As("viewer").GetAsync("/api/programs"), HttpStatusCode.Unauthorized, "not recognised");
        Assert.Equal(HttpStatusCode.OK, (await Controller.As("bc").GetAsync("/api/programs")).StatusCode);
    }

    [Fact]
    public async Task The_device_registry_needs_a_signed_in_user_to_read_and_a_technician_to_register()
    {
        await AssertProblem(await Controller.Anonymous().GetAsync("/api/devices"), HttpStatusCode.Unauthorized, "Bearer");
        await AssertProblem(await Controller.Anonymous().GetAsync("/api/devices/d1"), HttpStatusCode.Unauthorized, "Bearer");
        Assert.Equal(HttpStatusCode.OK, (await Controller.As("viewer").GetAsync("/api/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Controller.Anonymous().PostAsync("/api/devices", new { id = "intruder" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Controller.As("viewer").PostAsync("/api/devices", new { id = "intruder" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Controller.As("bc").PostAsync("/api/devices", new { id = "intruder" })).StatusCode);
        var devices = await Controller.As("viewer").GetJsonAsync("/api/devices");
        Assert.DoesNotContain("intruder", devices.EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.Created, (await Controller.As("tech").PostAsync("/api/devices", new { id = "by-tech" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Controller.As("admin").PostAsync("/api/devices", new { id = "by-admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Controller.Http.GetAsync("/api/broadcasts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Controller.As("viewer").GetAsync("/api/broadcasts")).StatusCode);
    }

    internal static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Contains(detailContains, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        return problem;
    }
}
