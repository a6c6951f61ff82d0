using System.Text.Json;
using InfoRadio.Cli.Tests.Infrastructure;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.Cli.Tests.Controller;

/// <summary>devices import and export through the real CLI against a real controller (and a real enrolling agent).</summary>
public sealed class DeviceList_Tests(EnrollmentFixture fixture) : IClassFixture<EnrollmentFixture>
{
    // File lines: 1 header; 2–3 a record whose quoted name holds a line break (refused: names are one line);
    // 4 good; 5 blank; 6 unknown village. The CLI drops the blank line and the controller counts the physical lines
    // of the body it got, so the CLI must map the controller's numbers back to these.
    private const string Csv = "serial,name,village,latitude,longitude,zones\r\n"
        + "IR-CLI-0103,\"Loa\r\nhai dòng\",0898001,,,\r\n"
        + "IR-CLI-0101,\"Loa chợ, cổng Đông\",0898001,21.0285,105.8542,cho\r\n"
        + "\r\n"
        + "IR-CLI-0102,Bad village,0898999,,,\r\n";

    [Theory]
    [InlineData(100)]
    [InlineData(1)]
    public async Task Import_pre_registers_the_good_line_and_reports_the_bad_ones_by_file_line_exit_4(int chunk)
    {
        var cli = await fixture.CliAsync();
        var file = Path.Combine(fixture.Folder("import-" + chunk), "devices.csv");
        await File.WriteAllTextAsync(file, Csv);

        var result = await cli.RunAsync("devices", "import", file, "--chunk", chunk.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(result.ExitCode == ExitCodes.Refused, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^Imported: 1 created, 0 updated, 2 error\(s\)\.$|^Imported: 0 created, 1 updated, 2 error\(s\)\.$", lines[0]);
        Assert.Equal("LINE  ERROR", lines[1]);
        Assert.Matches(@"^2     name must be at most \d+ printable characters$", lines[2]);
        Assert.Equal("6     no area with code '0898999'", lines[3]);
        Assert.Equal(4, lines.Length);
        var progress = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (chunk == 1) Assert.Equal(["[1/3 records] lines 2–2: ", "[2/3 records] lines 4–4: ", "[3/3 records] lines 6–6: "], progress.Select(p => p[..(p.IndexOf(':') + 2)]));
        else Assert.StartsWith("[3/3 records] lines 2–6: ", Assert.Single(progress));

        // The good line is pre-registered: listed among the enrollments with its planned placement, not pending.
        var planned = await cli.RunAsync("devices", "enrollments", "--state", "preregistered", "--json");
        Assert.True(planned.ExitCode == 0, planned.ToString());
        var entries = JsonDocument.Parse(planned.Out).RootElement.EnumerateArray().ToList();
        var entry = Assert.Single(entries, e => e.GetProperty("serial").GetString() == "ir-cli-0101");
        Assert.Equal("Loa chợ, cổng Đông", entry.GetProperty("name").GetString());
        Assert.Equal("0898001", entry.GetProperty("village").GetString());
        Assert.Equal(["cho"], entry.GetProperty("zones").EnumerateArray().Select(z => z.GetString()));
        Assert.True(entry.GetProperty("preRegistered").GetBoolean());
        Assert.DoesNotContain(entries, e => e.GetProperty("serial").GetString() is "ir-cli-0102" or "ir-cli-0103");
        var table = await cli.RunAsync("devices", "enrollments", "--state", "preregistered");
        Assert.Matches(@"(?m)^ir-cli-0101\s+preregistered\s+-\s+-\s+-\s+yes\s+Loa chợ, cổng Đông\s+0898001\s+cho\s+-\s*$", table.Out);
        Assert.DoesNotContain("ir-cli-0101", (await cli.RunAsync("devices", "pending")).Out);
        var audit = await fixture.Controller.As("admin").GetJsonAsync("/api/audit?action=device.import&actor=tech");
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("detail").GetString()!.Contains("2 lines refused", StringComparison.Ordinal)
            || a.GetProperty("detail").GetString()!.Contains("1 lines refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_as_json_gives_the_file_lines_too_and_a_viewer_may_not_import()
    {
        var cli = await fixture.CliAsync();
        cli.Stdin = Csv.Replace("IR-CLI-01", "IR-CLI-05", StringComparison.Ordinal);
        var result = await cli.RunAsync("devices", "import", "-", "--json");
        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        var answer = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(1, answer.GetProperty("created").GetInt32());
        Assert.Equal([2, 6], answer.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));

        var viewer = await fixture.CliAsync("viewer");
        viewer.Stdin = Csv;
        Assert.Equal(ExitCodes.NotAuthorized, (await viewer.RunAsync("devices", "import", "-")).ExitCode);
    }

    [Fact]
    public async Task A_serial_repeated_in_a_later_chunk_is_refused_not_silently_overwriting_the_first_line()
    {
        var cli = await fixture.CliAsync();
        cli.Stdin = "serial,name,village,latitude,longitude,zones\n"
            + "IR-CLI-0601,Loa một,0898001,,,\n"
            + "\"ir-cli-0601\",Loa hai,0898002,,,\n";
        var result = await cli.RunAsync("devices", "import", "-", "--chunk", "1");
        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Equal("Imported: 1 created, 0 updated, 1 error(s).\nLINE  ERROR\n3     serial 'ir-cli-0601' already appears on line 2\n", result.Out);
        var entry = JsonDocument.Parse((await cli.RunAsync("devices", "enrollments", "--state", "preregistered", "--json")).Out).RootElement
            .EnumerateArray().Single(e => e.GetProperty("serial").GetString() == "ir-cli-0601");
        Assert.Equal("Loa một", entry.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Export_lists_a_pre_registered_box_that_enrolled_with_its_planned_placement_and_registered_devices()
    {
        var cli = await fixture.CliAsync();
        cli.Stdin = "serial,name,village,latitude,longitude,zones\n IR-CLI-0401 ,Loa đình làng,0898002,21.5,105.25,cho\n";
        var import = await cli.RunAsync("devices", "import", "-");
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Equal("Imported: 1 created, 0 updated, 0 error(s).\n", import.Out);

        await using var box = fixture.Box("IR-CLI-0401");
        await Eventually.TrueAsync(async () => (await cli.RunAsync("devices", "pending")).Out.Contains("ir-cli-0401", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "the box pending");
        Assert.Equal(0, (await cli.RunAsync("devices", "approve", "IR-CLI-0401")).ExitCode); // placement from the import
        await Eventually.TrueAsync(async () => (await fixture.Controller.OnlineDevicesAsync()).Contains("ir-cli-0401"), TimeSpan.FromSeconds(20), "online");

        var export = await cli.RunAsync("devices", "export");
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.StartsWith("serial,name,village,latitude,longitude,zones,id,online,firmware,lastSeen\r\n", export.Out);
        Assert.Contains($"ir-cli-0401,Loa đình làng,0898002,21.5,105.25,cho,ir-cli-0401,true,{box.Options.Firmware},", export.Out);
        Assert.Contains("\r\n,Loa off,,,,,loa-off,false,,\r\n", export.Out);

        var path = Path.Combine(fixture.Folder("export"), "devices.csv");
        var toFile = await cli.RunAsync("devices", "export", "-o", path);
        Assert.True(toFile.ExitCode == 0, toFile.ToString());
        Assert.Equal("", toFile.Out);
        var written = await File.ReadAllTextAsync(path);
        Assert.Contains("ir-cli-0401,Loa đình làng", written);
        var rows = written.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;
        Assert.Equal($"Exported {rows} row(s) to {path}.\n", toFile.Error);
    }
}
