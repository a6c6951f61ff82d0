using System.Text.Json;
using InfoRadio.Cli.Tests.Infrastructure;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.Cli.Tests.Controller;

/// <summary>devices list/show/set-volume/test-tone/reboot through the real CLI, a real controller and a real agent.</summary>
public sealed class Devices_Tests(ControllerFixture fixture) : IClassFixture<ControllerFixture>
{
    [Fact]
    public async Task List_shows_an_aligned_table_or_the_controllers_json()
    {
        var cli = await fixture.CliAsync();
        var table = await cli.RunAsync("devices", "list");
        Assert.True(table.ExitCode == 0, table.ToString());
        var lines = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ID      NAME            ONLINE  VILLAGE  ZONES  VOLUME  FIRMWARE", lines[0]);
        Assert.StartsWith("loa-01  Loa chợ Đông    yes     -        cho    ", lines[1]);
        Assert.StartsWith("loa-02  Loa trường học  no      -        cho    -", lines[2]);
        Assert.Equal("2 device(s), 1 online", lines[3]);

        var json = await cli.RunAsync("devices", "list", "--json");
        Assert.Equal(0, json.ExitCode);
        var devices = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal(["loa-01", "loa-02"], devices.EnumerateArray().Select(d => d.GetProperty("id").GetString()).Order());
        Assert.Contains("\"name\": \"Loa chợ Đông\"", json.Out); // readable, not \u escaped
    }

    [Fact]
    public async Task Show_prints_one_device_and_an_unknown_id_exits_3()
    {
        var cli = await fixture.CliAsync();
        var show = await cli.RunAsync("devices", "show", "loa-01");
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("Name:", show.Out);
        Assert.Matches(@"(?m)^Name:\s+Loa chợ Đông$", show.Out);
        Assert.Matches(@"(?m)^Online:\s+yes$", show.Out);
        Assert.Matches(@"(?m)^Zones:\s+cho$", show.Out);

        var json = await cli.RunAsync("devices", "show", "loa-02", "--json");
        Assert.Equal("loa-02", JsonDocument.Parse(json.Out).RootElement.GetProperty("id").GetString());

        var missing = await cli.RunAsync("devices", "show", "ghost");
        Assert.Equal(ExitCodes.NotFound, missing.ExitCode);
        Assert.Equal("error: GET api/devices/ghost: 404 not found: no speaker with id 'ghost'\n", missing.Error);
        Assert.Equal("", missing.Out);
    }

    [Fact]
    public async Task Set_volume_reaches_the_agent_with_progress_on_stderr()
    {
        var cli = await fixture.CliAsync();
        var result = await cli.RunAsync("devices", "set-volume", "loa-01", "--volume", "42");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("[1/1 devices] loa-01: set-volume sent\n", result.Error);
        Assert.Equal("DEVICE  ONLINE  RESULT\nloa-01  yes     sent\nset-volume: 1 of 1 sent.\n", result.Out);
        await Eventually.TrueAsync(() => Task.FromResult(fixture.Speaker.Status.Volume == 42), TimeSpan.FromSeconds(10), "the agent applied volume 42");
    }

    [Fact]
    public async Task A_zone_wide_command_goes_to_each_member_and_reports_offline_and_unknown_devices()
    {
        var cli = await fixture.CliAsync();
        var result = await cli.RunAsync("devices", "set-volume", "ghost", "--zone", "cho", "--volume", "55", "--json");
        Assert.Equal(ExitCodes.NotFound, result.ExitCode); // the first failure's code
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("[1/3 devices] ghost: failed: POST api/devices/ghost/commands: 404 not found", lines[0]);
        Assert.Equal("[2/3 devices] loa-01: set-volume sent", lines[1]);
        Assert.Equal("[3/3 devices] loa-02: set-volume sent, but the device is offline: it will not get it", lines[2]);

        var results = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("deviceId").GetString()!);
        Assert.False(results["ghost"].GetProperty("ok").GetBoolean());
        Assert.Equal(3, results["ghost"].GetProperty("exitCode").GetInt32());
        Assert.True(results["loa-01"].GetProperty("online").GetBoolean());
        Assert.False(results["loa-02"].GetProperty("online").GetBoolean());
        await Eventually.TrueAsync(() => Task.FromResult(fixture.Speaker.Status.Volume == 55), TimeSpan.FromSeconds(10), "the agent applied volume 55");
    }

    [Fact]
    public async Task Test_tone_makes_the_agent_play_its_tone()
    {
        var cli = await fixture.CliAsync();
        var result = await cli.RunAsync("devices", "test-tone", "loa-01");
        Assert.True(result.ExitCode == 0, result.ToString());
        var wav = Path.Combine(fixture.Speaker.WavDirectory, "test-tone.wav");
        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(wav) && new FileInfo(wav).Length >= 44 + 96_000 * 2), TimeSpan.FromSeconds(15),
            "two seconds of 48 kHz 16-bit tone were written");
    }

    [Fact]
    public async Task A_viewer_may_read_but_not_command_exit_2()
    {
        var cli = await fixture.CliAsync("viewer");
        Assert.Equal(0, (await cli.RunAsync("devices", "list")).ExitCode);
        var reboot = await cli.RunAsync("devices", "reboot", "loa-01");
        Assert.Equal(ExitCodes.NotAuthorized, reboot.ExitCode);
        Assert.Contains("forbidden (403)", reboot.Error);
        Assert.False(fixture.Speaker.Status.RebootRequested);
    }
}
