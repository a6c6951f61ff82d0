using InfoRadio.Bench.Scenarios.Acl;
using InfoRadio.Controller.Broker;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfoRadio.EndToEnd.Tests.Security;

/// <summary>The attack list of tools/Bench acl against a real controller: no effect may get through.</summary>
public sealed class Acl_Attack_Tests
{
    [Fact]
    public async Task Every_attack_of_the_acl_suite_is_refused_without_effect()
    {
        using var temp = new TempDirectory();
        await using var controller = await RunningController.StartAsync(temp.Sub("data"), null, "--Broker:ListenIPv6=false");
        var suite = new AclAttackSuite(controller.Services, "127.0.0.1", controller.BrokerPort) { Settle = TimeSpan.FromMilliseconds(150) };

        var attempts = await suite.RunAsync();

        Assert.True(attempts.Count >= 30, $"only {attempts.Count} attempts");
        Assert.Empty(attempts.Where(a => a.Breach).Select(a => $"{a.Name}: {a.Detail}"));
        Assert.Contains(attempts, a => a.Name.StartsWith("brute force", StringComparison.Ordinal) && a.Detail.StartsWith("rate limit bit", StringComparison.Ordinal));
        var counters = controller.Services.GetRequiredService<BrokerCounters>();
        Assert.True(counters.ConnectsThrottled > 0);
        Assert.Equal(1, counters.OversizedPublishes);
    }
}
