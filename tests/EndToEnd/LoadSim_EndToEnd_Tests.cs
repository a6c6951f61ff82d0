using InfoRadio.Controller.Audio;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using InfoRadio.LoadSim;
using InfoRadio.LoadSim.Fleet;
using Xunit.Abstractions;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// The load simulator against a running controller: speakers it registers through the API connect with their own
/// credentials, receive a broadcast to all before each packet's playout deadline, decode it, and report play events
/// that the controller counts as finished for every one of them.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class LoadSim_EndToEnd_Tests(ITestOutputHelper output)
{
    private const int Agents = 60;

    [Fact]
    public async Task A_simulated_fleet_receives_a_broadcast_on_time_and_the_controller_sees_every_speaker_finish()
    {
        using var temp = new TempDirectory();
        await using var controller = await RunningController.StartAsync(temp.Sub("data"));
        var credentials = await Provisioning.RegisterAsync(controller.Http.BaseAddress!, RunningController.InstallerToken, "sim-", Agents, null, CancellationToken.None);
        Assert.Equal(Agents, credentials.Select(c => c.DeviceId).Distinct().Count());

        await using var fleet = new SimulatedFleet(credentials, new FleetOptions { BrokerPort = controller.BrokerPort, Decode = true, NativeOpus = false });
        await fleet.StartAsync();
        Assert.True(await fleet.WaitAllConnectedAsync(TimeSpan.FromSeconds(30)), $"{fleet.ConnectedCount} of {Agents} connected");
        await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).Count == Agents, TimeSpan.FromSeconds(20), "all listed online");

        var id = await Broadcast_EndToEnd_Tests.StartBroadcastAsync(controller, TestAudio.Wav(SpeechLikeSignal.Generate(seed: 11, TimeSpan.FromSeconds(3)), 48_000), "all");
        var final = await Broadcast_EndToEnd_Tests.WaitForEndAsync(controller, id, TimeSpan.FromSeconds(40));

        var report = fleet.Report();
        output.WriteLine(report.ResultLine());
        Assert.Equal("finished", final.GetProperty("state").GetString());
        var devices = final.GetProperty("devices").EnumerateArray().ToArray();
        Assert.Equal(Agents, devices.Length);
        Assert.All(devices, d => Assert.Equal("finished", d.GetProperty("status").GetString()));
        Assert.Equal(Agents, report.AgentsWithAudio);
        Assert.Equal(Agents, report.SessionsFinished);
        Assert.Equal(0, report.LostPackets);
        Assert.Equal(0, report.Malformed);
        Assert.Equal(0, report.DecodeFailures);
        // 3 s at 50 frames a second, each frame decoded by each speaker.
        Assert.True(report.DecodedFrames >= Agents * 150L, $"{report.DecodedFrames} frames decoded");
        Assert.Equal(100.0, report.OnTimePercent);
        Assert.Equal(Agents, report.AgentsAllOnTime);
    }
}
