using System.Net;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests.Security;

public sealed class Http_Auth_Limit_Tests
{
    [Fact]
    public async Task Repeated_unknown_tokens_get_429_even_for_a_valid_token_until_the_lockout_ends()
    {
        using var temp = new TempDirectory();
        await using var controller = await RunningController.StartAsync(temp.Sub("data"), null, [.. CalendarUsers.Args(),
            "--Http:AuthLimit:PerAddress:MaxFailures=3", "--Http:AuthLimit:PerAddress:LockoutSeconds=2", "--Http:AuthLimit:PerAddress:MaxLockoutSeconds=2"]);
        var guesser = new ApiClient(controller.Http, "guessed-token-000000000000");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/api/audit")).StatusCode);

        var locked = await guesser.GetAsync("/api/audit");
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.NotNull(locked.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await controller.As("tech").GetAsync("/api/audit")).StatusCode);

        await Eventually.TrueAsync(async () => (await controller.As("tech").GetAsync("/api/audit")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), "the lockout ended");
    }
}
