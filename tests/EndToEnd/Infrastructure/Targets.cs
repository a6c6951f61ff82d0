namespace InfoRadio.EndToEnd.Tests.Infrastructure;

/// <summary>A small installation for the calendar tests: a commune with two villages, zone "cho", devices d1–d3.</summary>
public static class Targets
{
    public const string Commune = "08980";

    /// <summary>d1 in village 0898001 and zone cho; d2 in village 0898002; d3 unplaced.</summary>
    public static async Task SeedAsync(RunningController controller)
    {
        var tech = controller.As("tech");
        await ImportAreasAsync(tech);
        await tech.PostOkAsync("/api/zones", new { id = "cho", name = "Khu chợ" });
        foreach (var d in new[] { "d1", "d2", "d3" }) await controller.RegisterDeviceAsync(d);
        await ApiClient.Ok(await tech.PutAsync("/api/devices/d1/placement", new { village = "0898001", zones = new[] { "cho" } }));
        await ApiClient.Ok(await tech.PutAsync("/api/devices/d2/placement", new { village = "0898002" }));
    }

    /// <summary>The administrative tree: province 01, commune 08980, villages 0898001 (Thôn Đông) and 0898002 (Thôn Tây).</summary>
    public static Task ImportAreasAsync(ApiClient tech) =>
        tech.PostOkAsync("/api/areas", new
        {
            areas = new[]
            {
                new { code = "01", name = "Hà Nội", level = "province", parent = (string?)null },
                new { code = Commune, name = "Xã Tiền Phong", level = "commune", parent = (string?)"01" },
                new { code = "0898001", name = "Thôn Đông", level = "village", parent = (string?)Commune },
                new { code = "0898002", name = "Thôn Tây", level = "village", parent = (string?)Commune },
            },
        });
}
