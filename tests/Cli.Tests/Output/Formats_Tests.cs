using System.Text.Json;
using InfoRadio.Cli.Output;

namespace InfoRadio.Cli.Tests.Output;

public sealed class Formats_Tests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private static readonly TimeZoneInfo Vietnam = TimeZoneInfo.CreateCustomTimeZone("ICT", TimeSpan.FromHours(7), "ICT", "ICT");

    [Fact]
    public void Device_list_sorts_by_id_shows_local_times_and_counts_online()
    {
        var text = DeviceFormat.List(Json("""
            [{"id":"loa-02","name":"Loa trường","online":false,"villageCode":null,"zones":[],"volume":null,"firmware":null,"lastSeen":null},
             {"id":"loa-01","name":"Loa chợ","online":true,"villageCode":"26734","zones":["cho","all-x"],"volume":80,"firmware":"1.2.0","lastSeen":"2026-12-01T02:00:00+00:00"}]
            """), Vietnam);
        Assert.Equal(
            "ID      NAME        ONLINE  VILLAGE  ZONES       VOLUME  FIRMWARE  LAST SEEN\n" +
            "loa-01  Loa chợ     yes     26734    cho, all-x  80      1.2.0     2026-12-01 09:00:00 +07:00\n" +
            "loa-02  Loa trường  no      -        -           -       -         -\n" +
            "2 device(s), 1 online\n", text);
        Assert.Equal("No devices.\n", DeviceFormat.List(Json("[]"), Vietnam));
    }

    [Fact]
    public void Device_show_includes_fields_this_CLI_does_not_know_yet()
    {
        var text = DeviceFormat.Show(Json("""
            {"id":"loa-01","name":"Loa chợ","online":true,"zones":["cho"],"revoked":false,"serial":"SN-9",
             "position":{"latitude":10.5,"longitude":106.25,"source":"surveyed"},"lastTelemetry":{"tempC":41.5,"mains":true}}
            """), TimeZoneInfo.Utc);
        Assert.Contains("Id:          loa-01\n", text);
        Assert.Contains("Position:    10.5, 106.25 (surveyed)\n", text);
        Assert.Contains("revoked:     no\n", text);
        Assert.Contains("serial:      SN-9\n", text);
        Assert.EndsWith("Last telemetry:\n  tempC:  41.5\n  mains:  yes\n", text);
        Assert.Contains("Last seen:   -\n", text);
    }

    [Fact]
    public void Rotation_answers_say_where_the_secret_went()
    {
        Assert.Contains("delivered to the device", EnrollmentFormat.Rotated(Json("""{"id":"loa-01","delivered":true}""")));
        var offline = EnrollmentFormat.Rotated(Json("""{"id":"loa-01","delivered":false,"secret":"s3cr3t-value"}"""));
        Assert.EndsWith("by hand (shown once, not stored):\ns3cr3t-value\n", offline);
        Assert.Contains("neither delivered nor returned", EnrollmentFormat.Rotated(Json("""{"id":"loa-01","delivered":false}""")));
    }

    [Fact]
    public void An_enrollment_claimed_by_a_second_key_is_flagged()
    {
        var text = EnrollmentFormat.List(Json("""
            [{"serial":"sn-1","state":"approved","conflict":true,"zones":[]},{"serial":"sn-2","state":"pending","conflict":false,"zones":[]}]
            """), TimeZoneInfo.Utc);
        Assert.Matches(@"(?m)^sn-1\s+approved \(key conflict\)\s", text);
        Assert.Matches(@"(?m)^sn-2\s+pending\s", text);
    }

    [Fact]
    public void Area_tree_indents_children_under_their_parent()
    {
        var text = AreaFormat.Tree(Json("""
            [{"code":"79","name":"TP Hồ Chí Minh","level":"province","parent":null,"children":[
              {"code":"760","name":"Quận 1","level":"district","parent":"79","children":[]}]}]
            """));
        Assert.Equal("CODE   NAME            LEVEL\n79     TP Hồ Chí Minh  province\n  760  Quận 1          district\n", text);
    }

    [Fact]
    public void Command_results_summarize_offline_and_failed_devices()
    {
        var text = CommandFormat.Results("set-volume",
        [
            new CommandResult("loa-01", true, "c1", ExitCodes.Ok, null),
            new CommandResult("loa-02", false, "c2", ExitCodes.Ok, null),
            new CommandResult("nope", null, null, ExitCodes.NotFound, "POST api/devices/nope/commands: 404 not found: no speaker with id 'nope'"),
        ]);
        Assert.Contains("loa-02  no      sent (offline: not delivered)\n", text);
        Assert.Contains("nope    -       failed: POST", text);
        Assert.EndsWith("set-volume: 2 of 3 sent, 1 to offline device(s).\n", text);
    }

    [Fact]
    public void Json_output_keeps_Vietnamese_readable() =>
        Assert.Equal("{\n  \"name\": \"Loa chợ\"\n}\n", JsonOutput.Render(Json("""{"name":"Loa ch\u1EE3"}""")));
}
