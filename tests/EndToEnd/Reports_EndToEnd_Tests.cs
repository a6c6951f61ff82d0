using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Targets;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// A real speaker agent plays a broadcast; the controller's verified play log and airtime report show it, the CSV and
/// XLSX downloads read back with the same figures, and a user limited to another commune sees none of it.
/// </summary>
public sealed class Reports_EndToEnd_Tests
{
    private const string LimitedToken = "e2e-other-commune-viewer-token-0123";

    [Fact]
    public async Task A_played_broadcast_is_in_the_play_log_and_the_airtime_report_and_its_downloads_parse_back()
    {
        using var temp = new TempDirectory();
        await using var controller = await RunningController.StartAsync(temp.Sub("data"), null, null,
        [
            "--Broadcast:FinishGraceMs=1000",
            "--Accounts:Users:98:Name=other-commune", "--Accounts:Users:98:Roles:0=viewer",
            $"--Accounts:Users:98:Token={LimitedToken}", "--Accounts:Users:98:Areas:0=19504",
        ]);
        var registry = controller.Services.GetRequiredService<DeviceRegistry>();
        var directory = controller.Services.GetRequiredService<TargetDirectory>();
        directory.ImportAreas([
            new("45", "Quảng Trị", AdministrativeLevel.Province), new("464", "Hải Lăng", AdministrativeLevel.District, "45"),
            new("19501", "Xã Hải An", AdministrativeLevel.Commune, "464"), new("19504", "Xã Hải Khê", AdministrativeLevel.Commune, "464"),
            new("1950101", "Thôn 1", AdministrativeLevel.Village, "19501"), new("1950401", "Thôn Tân", AdministrativeLevel.Village, "19504"),
        ]);
        var secret = registry.Register("spk-rep", "Loa chợ").Secret;
        Assert.True(directory.Place("spk-rep", "1950101", []));
        await using var speaker = new RunningSpeaker("spk-rep", secret, controller.BrokerPort, temp.Sub("spk"));
        await Eventually.TrueAsync(() => Task.FromResult(registry.Find("spk-rep")!.Online), TimeSpan.FromSeconds(15), "speaker online");

        // Six seconds of a 440 Hz tone: 0.1 min of airtime once played.
        var samples = new float[6 * DecodedAudio.SampleRate];
        for (var i = 0; i < samples.Length; i++) samples[i] = 0.3f * MathF.Sin(2 * MathF.PI * 440 * i / DecodedAudio.SampleRate);
        var broadcasts = controller.Services.GetRequiredService<BroadcastService>();
        var id = broadcasts.Start("Bản tin kiểm thử", new DecodedAudio { Samples = samples, SourceFormat = "test" }, BroadcastTargets.Devices(["spk-rep"])).Id;

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var period = $"from={today.AddDays(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        JsonElement play = default;
        await Eventually.TrueAsync(async () =>
        {
            var log = await controller.Installer.GetJsonAsync($"/api/reports/playlog?{period}");
            play = log.GetProperty("rows").EnumerateArray().FirstOrDefault(r => r.GetProperty("session").GetString() == id);
            return play.ValueKind == JsonValueKind.Object && play.GetProperty("ending").GetString() == "finished";
        }, TimeSpan.FromSeconds(40), "the speaker's finished play in the play log");
        Assert.Equal(("spk-rep", "Thôn 1", "upload", "Bản tin kiểm thử"),
            (play.GetProperty("device").GetString(), play.GetProperty("village").GetString(), play.GetProperty("kind").GetString(), play.GetProperty("title").GetString()));
        // Measured by the speaker's own start and finish: six seconds, give or take its clock and the sink's pacing.
        Assert.InRange(play.GetProperty("minutes").GetDouble(), 0.08, 0.12);

        var airtime = await controller.Installer.GetJsonAsync($"/api/reports/airtime?{period}&groupBy=device");
        Assert.Equal("airtime", airtime.GetProperty("kind").GetString());
        Assert.Contains(airtime.GetProperty("columns").EnumerateArray(), c => c.GetProperty("key").GetString() == "airtimeMinutes" && c.GetProperty("unit").GetString() == "min");
        var row = Assert.Single(airtime.GetProperty("rows").EnumerateArray());
        var minutes = row.GetProperty("airtimeMinutes").GetDouble();
        Assert.Equal(play.GetProperty("minutes").GetDouble(), minutes);
        Assert.Equal((1, 1), (row.GetProperty("plays").GetInt32(), row.GetProperty("finished").GetInt32()));

        var csv = await controller.Installer.GetAsync($"/api/reports/airtime?{period}&groupBy=device&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal(2, lines.Length);
        var cells = lines[1].Split(',');
        Assert.Equal("spk-rep", cells[Array.IndexOf(header, "Device")]);
        Assert.Equal(minutes, double.Parse(cells[Array.IndexOf(header, "Airtime (min)")], CultureInfo.InvariantCulture));

        var xlsx = await controller.Installer.GetAsync($"/api/reports/airtime?{period}&groupBy=device&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.EndsWith(".xlsx", xlsx.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        using (var workbook = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            var sheet = workbook.Worksheet("airtime");
            var columns = sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
            Assert.Equal("spk-rep", sheet.Cell(2, columns.IndexOf("Device") + 1).GetString());
            Assert.Equal(minutes, sheet.Cell(2, columns.IndexOf("Airtime (min)") + 1).GetDouble());
        }

        // Area scope: a viewer of the other commune sees no speaker of this one, and may not ask for it.
        var limited = new ApiClient(controller.Http, LimitedToken);
        var theirs = await limited.GetJsonAsync($"/api/reports/playlog?{period}");
        Assert.Empty(theirs.GetProperty("rows").EnumerateArray());
        var refused = await limited.GetAsync($"/api/reports/airtime?{period}&area=19501");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("outside-scope", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await controller.Installer.GetAsync($"/api/reports/airtime?from=2026-13-01&to={today:yyyy-MM-dd}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await controller.Installer.GetAsync($"/api/reports/nothing?{period}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await controller.Http.GetAsync($"/api/reports/airtime?{period}")).StatusCode);

        // The day's report pushed to the province carries the same figures.
        var daily = await controller.Services.GetRequiredService<Controller.Provincial.IDailyReportSource>().BuildAsync(today, CancellationToken.None);
        Assert.Equal(["airtime", "uptime", "emergencies", "compliance", "kpi"], daily.Tables.Select(t => t.Kind));
        var pushedAirtime = Assert.Single(daily.Tables[0].Rows);
        Assert.Equal(minutes, Convert.ToDouble(pushedAirtime["airtimeMinutes"], CultureInfo.InvariantCulture));
        Assert.Contains(daily.BroadcastList, b => b.Title == "Bản tin kiểm thử" && b.DevicesFinished == 1);
    }
}
