using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests.Accounts;

/// <summary>GET /api/demo/accounts lists the demo users and their password only while the demo runs.</summary>
public sealed class Demo_Accounts_Tests
{
    [Fact]
    public async Task Without_the_demo_the_list_is_404_and_no_demo_user_can_sign_in()
    {
        using var temp = new TempDirectory();
        await using var controller = await RunningController.StartAsync(temp.Sub("data"));
        var response = await controller.Http.GetAsync("/api/demo/accounts");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var client = new SessionClient(controller);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync("demo-admin", "inforadio-demo")).StatusCode);
    }

    [Fact]
    public async Task With_the_demo_every_demo_user_is_listed_anonymously_and_signs_in_with_the_published_password()
    {
        using var temp = new TempDirectory();
        await using var controller = await RunningController.StartAsync(temp.Sub("data"), null, "--Demo:Enabled=true", "--Demo:Speakers=1");
        var accounts = await controller.Http.GetFromJsonAsync<JsonElement>("/api/demo/accounts");
        var names = accounts.EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToArray();
        Assert.Contains("demo-admin", names);
        Assert.Contains("demo-broadcaster", names);
        Assert.Contains("demo-viewer", names);
        Assert.DoesNotContain(RunningController.InstallerName, names);
        Assert.All(accounts.EnumerateArray(), a => Assert.Equal("inforadio-demo", a.GetProperty("password").GetString()));
        var broadcaster = accounts.EnumerateArray().Single(a => a.GetProperty("name").GetString() == "demo-broadcaster");
        Assert.Equal(["broadcaster"], broadcaster.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        foreach (var name in names)
        {
            using var client = new SessionClient(controller);
            await client.SignInOkAsync(name, "inforadio-demo");
        }
    }
}
