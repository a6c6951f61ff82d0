using System.Diagnostics;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broker;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using InfoRadio.LoadSim;
using InfoRadio.LoadSim.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace InfoRadio.EndToEnd.Tests.Chaos;

/// <summary>
/// A few hundred speakers of the load simulator, all from one address (as behind a carrier's NAT), lose the embedded
/// broker at once when the controller restarts, and storm back. The broker's backlog takes them, its connect lockouts
/// never refuse one of them, and a stranger retrying a wrong identity from the same address throughout is locked out
/// alone. Every speaker is listed online within a bound and receives the next broadcast.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class Reconnect_Storm_Tests(ITestOutputHelper output)
{
    private const int Agents = 300;

    [Fact]
    public async Task Three_hundred_speakers_from_one_address_all_come_back_after_a_controller_restart_and_a_guesser_among_them_is_locked_out_alone()
    {
        using var temp = new TempDirectory();
        var dataDir = temp.Sub("data");
        var brokerPort = FreePort.Next();
        var first = await RunningController.StartAsync(dataDir, brokerPort);
        var firstStopped = false;
        try
        {
            await StormAsync(first, () => firstStopped = true, dataDir, brokerPort);
        }
        finally
        {
            if (!firstStopped) await first.DisposeAsync();
        }
    }

    private async Task StormAsync(RunningController first, Action stopped, string dataDir, int brokerPort)
    {
        var credentials = await Provisioning.RegisterAsync(first.Http.BaseAddress!, RunningController.InstallerToken, "storm-", Agents, null, CancellationToken.None);
        // A speaker's real backoff grows from half a second; the fleet retries within 2 s of a loss.
        var options = new FleetOptions { BrokerPort = brokerPort, ReconnectJitter = TimeSpan.FromSeconds(2), SendPlayEvents = false };
        await using var fleet = new SimulatedFleet(credentials, options);
        await using var guesser = new SimulatedFleet([new AgentCredentials("storm-guesser", "not-its-secret")], options with { ReconnectJitter = TimeSpan.Zero });
        await fleet.StartAsync();
        await Eventually.TrueAsync(async () => (await first.OnlineDevicesAsync()).Count == Agents, TimeSpan.FromSeconds(60), "all online before");

        stopped();
        await first.DisposeAsync();
        await Eventually.TrueAsync(() => Task.FromResult(fleet.ConnectedCount == 0), TimeSpan.FromSeconds(10), "every speaker lost the broker");
        await guesser.StartAsync();

        await using var second = await RunningController.StartAsync(dataDir, brokerPort);
        var clock = Stopwatch.StartNew();
        await Eventually.TrueAsync(async () => (await second.OnlineDevicesAsync()).Count == Agents, TimeSpan.FromSeconds(40), "all online after the restart");
        var online = clock.Elapsed;
        output.WriteLine($"{Agents} speakers online {online.TotalSeconds:0.0} s after the restart; guesser failures {guesser.Counters.ConnectFailures}");

        // The fleet may be back before the guesser, whose first failures were refused TCP connections while the
        // controller was down, has made the five failed logins that lock it out: wait for the lockout.
        var counters = second.Services.GetRequiredService<BrokerCounters>();
        await Eventually.TrueAsync(() => Task.FromResult(counters.Lockouts >= 1), TimeSpan.FromSeconds(45), "the guesser is locked out");
        Assert.True(guesser.Counters.ConnectFailures >= 5, $"the guesser tried {guesser.Counters.ConnectFailures} times");
        Assert.Equal(0, guesser.Counters.Connects);

        await Broadcast_EndToEnd_Tests.StartBroadcastAsync(second, TestAudio.Wav(SpeechLikeSignal.Generate(seed: 31, TimeSpan.FromSeconds(3)), 48_000), "all");
        await Eventually.TrueAsync(() => Task.FromResult(fleet.ReceivingCount(TimeSpan.FromSeconds(1)) == Agents), TimeSpan.FromSeconds(15),
            "every speaker receives the next broadcast");
    }
}
