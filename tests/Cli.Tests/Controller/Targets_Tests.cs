using System.Text.Json;
using InfoRadio.Cli.Tests.Infrastructure;

namespace InfoRadio.Cli.Tests.Controller;

/// <summary>zones and areas through the real CLI and a real controller.</summary>
public sealed class Targets_Tests(ControllerFixture fixture) : IClassFixture<ControllerFixture>
{
    [Fact]
    public async Task Zones_are_created_listed_and_shown()
    {
        var cli = await fixture.CliAsync();
        var create = await cli.RunAsync("zones", "create", "khu-dinh", "--name", "Khu đình làng");
        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.Equal("Created zone khu-dinh (Khu đình làng).\n", create.Out);

        var list = await cli.RunAsync("zones", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("cho       Khu chợ        2\n", list.Out);
        Assert.Contains("khu-dinh  Khu đình làng  0\n", list.Out);

        var show = await cli.RunAsync("zones", "show", "cho", "--json");
        Assert.Equal(["loa-01", "loa-02"], JsonDocument.Parse(show.Out).RootElement.GetProperty("devices").EnumerateArray().Select(d => d.GetString()).Order());

        var again = await cli.RunAsync("zones", "create", "khu-dinh", "--name", "x");
        Assert.Equal(ExitCodes.Refused, again.ExitCode);
        Assert.Contains("409 conflict: zone 'khu-dinh' exists already", again.Error);
        Assert.Equal(ExitCodes.NotFound, (await cli.RunAsync("zones", "show", "nowhere")).ExitCode);
    }

    [Fact]
    public async Task Areas_import_in_chunks_with_progress_then_list_as_a_tree()
    {
        var cli = await fixture.CliAsync();
        var csv = Path.Combine(fixture.TempPath, "areas.csv");
        await File.WriteAllTextAsync(csv, "code,name,level,parent\n" +
            "75,Tỉnh Đồng Nai,province,\n731,Huyện Long Thành,district,75\n26368,Xã An Phước,commune,731\n" +
            "2636801,Ấp 1,village,26368\n2636802,\"Ấp Bến Cam, Phước Thiền\",village,26368\n");
        var import = await cli.RunAsync("areas", "import", csv, "--chunk", "2");
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Equal("[2/5 records] lines 2–3: 2 new\n[4/5 records] lines 4–5: 2 new\n[5/5 records] lines 6–6: 1 new\n", import.Error);
        Assert.Equal("Imported 5 area(s): 5 new, 0 updated.\n", import.Out);

        var list = await cli.RunAsync("areas", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains(
            "75             Tỉnh Đồng Nai            province\n" +
            "  731          Huyện Long Thành         district\n" +
            "    26368      Xã An Phước              commune\n" +
            "      2636801  Ấp 1                     village\n" +
            "      2636802  Ấp Bến Cam, Phước Thiền  village\n", list.Out);

        var show = await cli.RunAsync("areas", "show", "26368", "--json");
        Assert.Equal(2, JsonDocument.Parse(show.Out).RootElement.GetProperty("children").GetArrayLength());
        Assert.Equal(ExitCodes.NotFound, (await cli.RunAsync("areas", "show", "99")).ExitCode);
    }

    [Fact]
    public async Task A_refused_area_chunk_exits_4_naming_the_file_lines()
    {
        var cli = await fixture.CliAsync();
        var csv = Path.Combine(fixture.TempPath, "bad-areas.csv");
        await File.WriteAllTextAsync(csv, "code,name,level,parent\n76,Tỉnh X,province,\n761,Huyện Y,county,76\n");
        var import = await cli.RunAsync("areas", "import", csv, "--chunk", "1");
        Assert.Equal(ExitCodes.Refused, import.ExitCode);
        Assert.Contains("400 bad request: areas[0]: 'level' must be province, district, commune or village (file lines 3–3 not imported; lines before 3 were)", import.Error);
    }
}
