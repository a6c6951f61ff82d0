using System.Net;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using static InfoRadio.EndToEnd.Tests.Scheduling_Access_Tests;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>The administrative tree, zones and device placement over HTTP.</summary>
public sealed class Targets_Api_Tests : CalendarTestBase
{
    private ApiClient Technician => Controller.As("tech");

    protected override Task SeedAsync() => Targets.SeedAsync(Controller);

    [Fact]
    public async Task The_tree_nests_and_a_csv_import_extends_it()
    {
        var csv = "code,name,level,parent\n0898003,\"Thôn Nam, xóm 1\",village,08980\n";
        var imported = await ApiClient.Ok(await Technician.PostRawAsync("/api/areas", csv, "text/csv"));
        Assert.Equal(1, imported.GetProperty("added").GetInt32());
        var tree = await Controller.As("viewer").GetJsonAsync("/api/areas");
        var province = tree.EnumerateArray().Single();
        Assert.Equal("01", province.GetProperty("code").GetString());
        var commune = province.GetProperty("children").EnumerateArray().Single();
        Assert.Equal("commune", commune.GetProperty("level").GetString());
        Assert.Equal(["0898001", "0898002", "0898003"], commune.GetProperty("children").EnumerateArray().Select(v => v.GetProperty("code").GetString()));
        Assert.Equal("Thôn Nam, xóm 1", commune.GetProperty("children")[2].GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("""{"areas":[{"code":"77","name":"V","level":"village","parent":"01"}]}""", "cannot sit in a province")]
    [InlineData("""{"areas":[{"code":"77","name":"V","level":"village","parent":"55"}]}""", "not known")]
    [InlineData("""{"areas":[{"code":"7a","name":"V","level":"province"}]}""", "digits")]
    [InlineData("""{"areas":[{"code":"77","name":"V","level":"hamlet"}]}""", "level")]
    [InlineData("""{"areas":[{"code":"77","name":"V","level":"village,province"}]}""", "level")]
    [InlineData("""{"areas":[{"code":"77","name":"P","level":"province"},{"code":"77","name":"P","level":"province"}]}""", "twice")]
    [InlineData("""{"areas":[{"code":"01","name":"Hà Nội","level":"village","parent":"08980"}]}""", "cannot sit")]
    [InlineData("""{"areas":[]}""", "no areas")]
    public async Task A_bad_tree_is_400_and_changes_nothing(string body, string detail)
    {
        var before = (await Technician.GetJsonAsync("/api/areas?flat=true")).GetRawText();
        await AssertProblem(await Technician.PostAsync("/api/areas", body), HttpStatusCode.BadRequest, detail);
        Assert.Equal(before, (await Technician.GetJsonAsync("/api/areas?flat=true")).GetRawText());
    }

    [Fact]
    public async Task Zones_are_created_renamed_listed_with_devices_and_deleted_only_when_empty()
    {
        await AssertProblem(await Technician.PostAsync("/api/zones", new { id = "cho", name = "Again" }), HttpStatusCode.Conflict, "exists");
        var renamed = await ApiClient.Ok(await Technician.PutAsync("/api/zones/cho", new { name = "Chợ trung tâm" }));
        Assert.Equal("Chợ trung tâm", renamed.GetProperty("name").GetString());
        Assert.Equal(["d1"], renamed.GetProperty("devices").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(HttpStatusCode.Created, (await Technician.PutAsync("/api/zones/truong", new { name = "Trường học" })).StatusCode);
        await AssertProblem(await Technician.DeleteAsync("/api/zones/cho"), HttpStatusCode.Conflict, "d1");
        Assert.Equal(HttpStatusCode.NoContent, (await Technician.DeleteAsync("/api/zones/truong")).StatusCode);
        await AssertProblem(await Technician.PostAsync("/api/zones", new { id = "all", name = "Everyone" }), HttpStatusCode.BadRequest, "reserved");
        await AssertProblem(await Technician.PostAsync("/api/zones", new { id = "Bad Zone", name = "x" }), HttpStatusCode.BadRequest, "zone id");
    }

    [Fact]
    public async Task Placement_is_checked_shown_on_the_device_and_kept_after_a_restart()
    {
        await AssertProblem(await Technician.PutAsync("/api/devices/d3/placement", new { village = "08980" }), HttpStatusCode.BadRequest, "a device stands in a village");
        await AssertProblem(await Technician.PutAsync("/api/devices/d3/placement", new { zones = new[] { "ghost" } }), HttpStatusCode.BadRequest, "ghost");
        await AssertProblem(await Technician.PutAsync("/api/devices/nobody/placement", new { village = "0898001" }), HttpStatusCode.NotFound, "nobody");
        var placed = await ApiClient.Ok(await Technician.PutAsync("/api/devices/d3/placement", new { village = "0898002", zones = new[] { "cho" } }));
        Assert.Equal("0898002", placed.GetProperty("villageCode").GetString());

        var response = await Technician.SendAsync(HttpMethod.Post, "/api/devices", new StringContent("""{"id":"d4","village":"0898001","zones":["cho"]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var bad = await Technician.SendAsync(HttpMethod.Post, "/api/devices", new StringContent("""{"id":"d5","village":"99"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        await RestartAsync();
        var d3 = await Controller.As("viewer").GetJsonAsync("/api/devices/d3");
        Assert.Equal("0898002", d3.GetProperty("villageCode").GetString());
        Assert.Equal(["cho"], d3.GetProperty("zones").EnumerateArray().Select(z => z.GetString()));
        var zone = await Controller.As("viewer").GetJsonAsync("/api/zones/cho");
        Assert.Equal(["d1", "d3", "d4"], zone.GetProperty("devices").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(4, (await Controller.As("viewer").GetJsonAsync("/api/areas?flat=true")).GetArrayLength());
    }
}
