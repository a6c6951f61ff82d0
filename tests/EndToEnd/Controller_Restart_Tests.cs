using System.Diagnostics;
using InfoRadio.Controller.Hosting;
using InfoRadio.Controller.Storage;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests;

public sealed class Controller_Restart_Tests
{
    [Fact]
    public async Task Restarted_controller_keeps_its_devices_and_agents_come_back_online_within_10_seconds()
    {
        using var temp = new TempDirectory();
        var dataDir = temp.Sub("data");
        var brokerPort = FreePort.Next();
        var first = await RunningController.StartAsync(dataDir, brokerPort);
        await using var a = new RunningSpeaker("keep-a", await first.RegisterDeviceAsync("keep-a"), brokerPort, temp.Sub("a"));
        await using var b = new RunningSpeaker("keep-b", await first.RegisterDeviceAsync("keep-b"), brokerPort, temp.Sub("b"));
        await Eventually.TrueAsync(async () => (await first.OnlineDevicesAsync()).SetEquals(["keep-a", "keep-b"]), TimeSpan.FromSeconds(15), "both online");
        await first.DisposeAsync();
        await Eventually.TrueAsync(() => Task.FromResult(!a.Status.Connected && !b.Status.Connected), TimeSpan.FromSeconds(10), "agents see the controller gone");

        await using var second = await RunningController.StartAsync(dataDir, brokerPort);
        var clock = Stopwatch.StartNew();
        await Eventually.TrueAsync(async () => (await second.OnlineDevicesAsync()).SetEquals(["keep-a", "keep-b"]), TimeSpan.FromSeconds(10),
            "both agents online again without being restarted");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Second_controller_on_the_same_data_folder_refuses_to_start_with_a_clear_message()
    {
        using var temp = new TempDirectory();
        var dataDir = temp.Sub("data");
        await using var first = await RunningController.StartAsync(dataDir);

        var refused = Assert.Throws<DataDirectoryInUseException>(() => ControllerApp.Build(["--urls", "http://127.0.0.1:0", $"--Storage:DataDir={dataDir}"]));
        Assert.Contains(dataDir, refused.Message);
        Assert.Contains("in use by another InfoRadio controller", refused.Message);
        Assert.Equal(ControllerApp.ExitDataDirectoryInUse, await ControllerApp.RunAsync(["--urls", "http://127.0.0.1:0", $"--Storage:DataDir={dataDir}"]));
    }
}
