using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// Users limited to commune 08980 (-tp) or 08983 (-hb) see and act on their own commune only: the other commune's
/// records answer 404 (as if they did not exist), targets outside answer 403 with reason <c>outside-scope</c> naming
/// what is outside, and lists leave the other commune out; unlimited users see both (see <see cref="ScopedInstallation"/>).
/// </summary>
public sealed partial class Role_And_Area_Denials_Tests
{
    [Fact]
    public async Task Speakers_are_listed_and_shown_only_within_the_users_commune()
    {
        Assert.Equal(["tp-1", "tp-2"], await IdsAsync("bc-tp", "/api/devices"));
        Assert.Equal(["hb-1"], await IdsAsync("bc-hb", "/api/devices"));
        Assert.Equal(["hb-1", "loose", "tp-1", "tp-2"], await IdsAsync("admin", "/api/devices"));
        Assert.Equal(["hb-1", "loose", "tp-1", "tp-2"], await IdsAsync("viewer", "/api/devices"));

        foreach (var url in new[] { "/api/devices/hb-1", "/api/devices/hb-1/config", "/api/devices/hb-1/preemptions" })
        {
            await AssertStatusAsync("bc-tp", HttpMethod.Get, url, null, HttpStatusCode.NotFound);
            await AssertStatusAsync("bc-hb", HttpMethod.Get, url, null, HttpStatusCode.OK);
            await AssertStatusAsync("admin", HttpMethod.Get, url, null, HttpStatusCode.OK);
        }
        // An unplaced speaker stands in nobody's commune.
        await AssertStatusAsync("bc-tp", HttpMethod.Get, "/api/devices/loose", null, HttpStatusCode.NotFound);
        await AssertStatusAsync("viewer", HttpMethod.Get, "/api/devices/loose", null, HttpStatusCode.OK);

        var csv = await (await installation.As("tech-tp").GetAsync("/api/devices/export")).Content.ReadAsStringAsync();
        Assert.Contains("tp-1", csv);
        Assert.DoesNotContain("hb-1", csv);
        Assert.DoesNotContain("loose", csv);
        Assert.Contains("hb-1", await (await installation.As("tech").GetAsync("/api/devices/export")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_technician_of_one_commune_cannot_touch_the_other_communes_speakers()
    {
        (HttpMethod, string, object?)[] onHb1 =
        [
            (HttpMethod.Post, "/api/devices/hb-1/commands", new { type = "test-tone" }),
            (HttpMethod.Put, "/api/devices/hb-1/config", new { volume = 50 }),
            (HttpMethod.Post, "/api/devices/hb-1/revoke", new { reason = "test" }),
            (HttpMethod.Put, "/api/devices/hb-1/position", new { latitude = 21.1, longitude = 105.7 }),
            (HttpMethod.Delete, "/api/devices/hb-1/position", null),
            (HttpMethod.Put, "/api/devices/hb-1/placement", new { village = "0898301" }),
            (HttpMethod.Post, "/api/devices/hb-1/rotate-secret", null),
        ];
        foreach (var (method, url, body) in onHb1) await AssertStatusAsync("tech-tp", method, url, body, HttpStatusCode.NotFound);

        await AssertStatusAsync("tech-tp", HttpMethod.Post, "/api/devices/tp-1/commands", new { type = "test-tone" }, HttpStatusCode.Accepted);
        await AssertStatusAsync("tech-hb", HttpMethod.Put, "/api/devices/hb-1/position", new { latitude = 21.1, longitude = 105.7 }, HttpStatusCode.OK);
        await AssertStatusAsync("tech-hb", HttpMethod.Delete, "/api/devices/hb-1/position", null, HttpStatusCode.OK);

        // Its own speakers stay in its own villages and in zones that are its own alone.
        await AssertOutsideAsync("tech-tp", HttpMethod.Put, "/api/devices/tp-2/placement", new { village = "0898301" }, "village 0898301");
        await AssertOutsideAsync("tech-tp", HttpMethod.Put, "/api/devices/tp-2/placement", new { village = (string?)null }, "no village");
        await AssertOutsideAsync("tech-tp", HttpMethod.Put, "/api/devices/tp-2/placement", new { village = "0898002", zones = new[] { "cho" } }, "zone cho");
        await AssertStatusAsync("tech-tp", HttpMethod.Put, "/api/devices/tp-2/placement", new { village = "0898002", zones = new[] { "dinh" } }, HttpStatusCode.OK);
        await AssertOutsideAsync("tech-tp", HttpMethod.Post, "/api/devices", new { id = "new-hb", village = "0898301" }, "village 0898301");
        await AssertOutsideAsync("tech-tp", HttpMethod.Post, "/api/devices", new { id = "new-nowhere" }, "no village");

        // A zone spanning both communes is neither's to configure, rename or delete.
        await AssertOutsideAsync("tech-tp", HttpMethod.Put, "/api/zones/cho/config", new { volume = 50 }, "zone cho (holds hb-1)");
        await AssertOutsideAsync("tech-tp", HttpMethod.Put, "/api/zones/cho", new { name = "Chợ mới" }, "zone cho");
        await AssertOutsideAsync("tech-tp", HttpMethod.Delete, "/api/zones/cho", null, "zone cho");
        await AssertStatusAsync("tech-hb", HttpMethod.Put, "/api/zones/dinh/config", new { volume = 50 }, HttpStatusCode.NotFound);
        await AssertStatusAsync("tech-tp", HttpMethod.Put, "/api/zones/dinh/config", new { volume = 55 }, HttpStatusCode.OK);

        var import = await installation.As("tech-tp").SendAsync(HttpMethod.Post, "/api/devices/import",
            new StringContent("serial,name,village,latitude,longitude,zones\nTP-BOX-1,,0898001,,,\nHB-BOX-1,,0898301,,,\n", Encoding.UTF8, "text/csv"));
        var result = await ApiClient.Ok(import);
        Assert.Equal(1, result.GetProperty("created").GetInt32());
        Assert.Contains("0898301 is outside", result.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Enrollments_into_another_communes_village_are_hidden()
    {
        await ApiClient.Ok(await installation.As("tech").SendAsync(HttpMethod.Post, "/api/devices/import",
            new StringContent("serial,name,village,latitude,longitude,zones\nHB-PRE-1,,0898301,,,\n", Encoding.UTF8, "text/csv")));
        Assert.DoesNotContain("hb-pre-1", await SerialsAsync("tech-tp"));
        Assert.Contains("hb-pre-1", await SerialsAsync("tech-hb"));
        Assert.Contains("hb-pre-1", await SerialsAsync("viewer"));
        await AssertStatusAsync("tech-tp", HttpMethod.Get, "/api/enrollments/hb-pre-1", null, HttpStatusCode.NotFound);
        await AssertStatusAsync("tech-tp", HttpMethod.Post, "/api/enrollments/hb-pre-1/reject", new { reason = "x" }, HttpStatusCode.NotFound);
        await AssertStatusAsync("tech-hb", HttpMethod.Get, "/api/enrollments/hb-pre-1", null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_area_tree_and_zones_show_only_the_users_part()
    {
        var tree = await installation.As("bc-tp").GetJsonAsync("/api/areas");
        var root = Assert.Single(tree.EnumerateArray());
        Assert.Equal("08980", root.GetProperty("code").GetString());
        Assert.Equal(["0898001", "0898002"], root.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.Equal(["08983", "0898301"], (await installation.As("bc-hb").GetJsonAsync("/api/areas?flat=true")).EnumerateArray().Select(a => a.GetProperty("code").GetString()));
        Assert.Equal("01", Assert.Single((await installation.As("viewer").GetJsonAsync("/api/areas")).EnumerateArray()).GetProperty("code").GetString());
        foreach (var code in new[] { "08983", "0898301", "250", "01" })
            await AssertStatusAsync("bc-tp", HttpMethod.Get, $"/api/areas/{code}", null, HttpStatusCode.NotFound);
        await AssertStatusAsync("bc-tp", HttpMethod.Get, "/api/areas/0898001", null, HttpStatusCode.OK);
        await AssertStatusAsync("admin", HttpMethod.Get, "/api/areas/08983", null, HttpStatusCode.OK);
        await AssertOutsideAsync("tech-tp", HttpMethod.Post, "/api/areas",
            new { areas = new[] { new { code = "0898004", name = "Thôn mới", level = "village", parent = "08980" } } }, "administrative tree");

        Assert.Equal(["cho:tp-1", "dinh:tp-2"], await ZonesAsync("bc-tp"));
        Assert.Equal(["cho:hb-1"], await ZonesAsync("bc-hb"));
        Assert.Equal(["cho:hb-1,tp-1", "dinh:tp-2"], await ZonesAsync("admin"));
        await AssertStatusAsync("bc-hb", HttpMethod.Get, "/api/zones/dinh", null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Targets_outside_the_users_commune_are_refused_naming_them()
    {
        await AssertOutsideAsync("bc-tp", HttpMethod.Post, "/api/emergencies", new { title = "Lũ", targets = new { devices = new[] { "hb-1", "tp-1" } }, text = "Sơ tán" }, "device hb-1");
        await AssertOutsideAsync("bc-tp", HttpMethod.Post, "/api/emergencies", new { title = "Lũ", targets = new { zones = new[] { "cho" } }, text = "Sơ tán" }, "zone cho (holds hb-1)");
        await AssertOutsideAsync("bc-tp", HttpMethod.Post, "/api/emergencies", new { title = "Lũ", targets = new { areas = new[] { "250" } }, text = "Sơ tán" }, "area 250");
        await AssertOutsideAsync("bc-hb", HttpMethod.Post, "/api/relays",
            new { url = "http://127.0.0.1:9/stream.mp3", title = "VOV1", targets = new { areas = new[] { "08980" } }, durationMinutes = 1 }, "area 08980");
        await AssertOutsideAsync("bc-tp", HttpMethod.Post, "/api/live/soundcard", new { devices = new[] { "hb-1" } }, "device hb-1");
        await AssertOutsideAsync("bc-tp", HttpMethod.Get, "/api/live?targets=hb-1", null, "device hb-1");
        await AssertOutsideAsync("bc-tp", HttpMethod.Get, "/api/live?zones=cho", null, "zone cho");
        // "all" is all of the user's own areas: past the scope check, it only lacks the WebSocket.
        var all = await installation.As("bc-tp").GetAsync("/api/live?targets=all");
        Assert.Equal(HttpStatusCode.BadRequest, all.StatusCode);
        Assert.Contains("WebSocket", await all.Content.ReadAsStringAsync());

        using var form = Upload(TestAudio.Wav(new float[4_800], 48_000), "hb-1");
        await AssertOutsideAsync(await installation.As("bc-tp").SendAsync(HttpMethod.Post, "/api/broadcasts", form), "device hb-1");
    }

    [Fact]
    public async Task Schedules_are_checked_on_write_and_programs_and_schedules_filtered_on_read()
    {
        var tp = installation.As("bc-tp");
        await tp.PostOkAsync("/api/programs", new { id = "p-tp", title = "Tin xã Tiền Phong", kind = "live-slot", durationSeconds = 60 });
        await AssertOutsideAsync("bc-tp", HttpMethod.Post, "/api/schedules", Schedule("s-tp-out", "p-tp", new { areas = new[] { "08983" } }, 1), "area 08983");
        var created = await tp.PostOkAsync("/api/schedules", Schedule("s-tp", "p-tp", new { zones = new[] { "all" } }, 2));
        // Stored as checked: "all" became the author's commune, so it stays there whatever is placed later.
        Assert.Equal(["08980"], created.GetProperty("targets").GetProperty("areas").EnumerateArray().Select(a => a.GetString()));
        Assert.Empty(created.GetProperty("targets").GetProperty("zones").EnumerateArray());

        Assert.DoesNotContain("s-tp", await IdsAsync("bc-hb", "/api/schedules"));
        Assert.DoesNotContain("p-tp", await IdsAsync("bc-hb", "/api/programs"));
        Assert.Contains("s-tp", await IdsAsync("admin", "/api/schedules"));
        foreach (var (method, url, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, "/api/schedules/s-tp", null), (HttpMethod.Post, "/api/schedules/s-tp/cancel", null),
                     (HttpMethod.Get, "/api/schedules/s-tp/airings", null), (HttpMethod.Get, "/api/programs/p-tp", null),
                     (HttpMethod.Delete, "/api/programs/p-tp", null), (HttpMethod.Post, "/api/programs/p-tp/submit", null),
                 })
            await AssertStatusAsync("bc-hb", method, url, body, HttpStatusCode.NotFound);
        var hbIcs = await (await installation.As("bc-hb").GetAsync("/api/schedules.ics")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Tiền Phong", hbIcs);
        Assert.Contains("Tiền Phong", await (await installation.As("admin").GetAsync("/api/schedules.ics")).Content.ReadAsStringAsync());
        var foreign = await installation.As("bc-hb").PostAsync("/api/schedules", Schedule("s-hb", "p-tp", new { areas = new[] { "08983" } }, 3));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("no program with id 'p-tp'", await foreign.Content.ReadAsStringAsync());

        // The district's schedule airs in both communes: each sees it, neither may cancel it or change its program.
        await installation.As("admin").PostOkAsync("/api/programs", new { id = "p-district", title = "Tin huyện", kind = "live-slot", durationSeconds = 60 });
        await installation.As("admin").PostOkAsync("/api/schedules", Schedule("s-district", "p-district", new { areas = new[] { "250" } }, 4));
        await AssertStatusAsync("bc-tp", HttpMethod.Get, "/api/schedules/s-district", null, HttpStatusCode.OK);
        await AssertStatusAsync("bc-hb", HttpMethod.Get, "/api/programs/p-district", null, HttpStatusCode.OK);
        await AssertOutsideAsync("bc-tp", HttpMethod.Post, "/api/schedules/s-district/cancel", null, "schedule s-district");
        await AssertOutsideAsync("bc-hb", HttpMethod.Delete, "/api/programs/p-district", null, "program p-district");
        await AssertStatusAsync("bc-tp", HttpMethod.Post, "/api/schedules/s-tp/cancel", null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_approver_of_one_commune_sees_and_decides_only_its_programs()
    {
        await installation.As("bc-tp").PostOkAsync("/api/programs", new { id = "p-tp-ap", title = "Thông báo", kind = "live-slot", durationSeconds = 30, requiresApproval = true });
        await installation.As("bc-hb").PostOkAsync("/api/programs", new { id = "p-hb-ap", title = "Thông báo", kind = "live-slot", durationSeconds = 30, requiresApproval = true });
        await installation.As("bc-tp").PostOkAsync("/api/programs/p-tp-ap/submit");
        await installation.As("bc-hb").PostOkAsync("/api/programs/p-hb-ap/submit");
        var queue = await IdsAsync("ap-tp", "/api/approvals");
        Assert.Contains("p-tp-ap", queue);
        Assert.DoesNotContain("p-hb-ap", queue);
        Assert.Contains("p-hb-ap", await IdsAsync("ap", "/api/approvals"));
        await AssertStatusAsync("ap-tp", HttpMethod.Post, "/api/programs/p-hb-ap/approve", null, HttpStatusCode.NotFound);
        await AssertStatusAsync("ap-tp", HttpMethod.Post, "/api/programs/p-tp-ap/approve", null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Fleet_wide_records_and_rules_are_for_unlimited_users()
    {
        await AssertOutsideAsync("tech-tp", HttpMethod.Get, "/api/audit", null, "audit trail");
        await AssertStatusAsync("tech", HttpMethod.Get, "/api/audit", null, HttpStatusCode.OK);
        await AssertOutsideAsync("tech-tp", HttpMethod.Put, "/api/alarms/rules", new { }, "alarm rules");
    }

    private static object Schedule(string id, string programId, object targets, int day) =>
        new { id, programId, targets, recurrence = new { kind = "once", at = $"2099-01-{day:00}T06:00" } };

    private static MultipartFormDataContent Upload(byte[] wav, string targets)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(wav);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "file", "bulletin.wav");
        form.Add(new StringContent(targets), "targets");
        return form;
    }

    private async Task<string[]> IdsAsync(string user, string url) =>
        (await installation.As(user).GetJsonAsync(url)).EnumerateArray().Select(e => e.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToArray();

    private async Task<string[]> SerialsAsync(string user) =>
        (await installation.As(user).GetJsonAsync("/api/enrollments")).EnumerateArray().Select(e => e.GetProperty("serial").GetString()!).ToArray();

    private async Task<string[]> ZonesAsync(string user) =>
        (await installation.As(user).GetJsonAsync("/api/zones")).EnumerateArray()
            .Select(z => z.GetProperty("id").GetString() + ":" + string.Join(",", z.GetProperty("devices").EnumerateArray().Select(d => d.GetString()).Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal).ToArray();

    private async Task AssertStatusAsync(string user, HttpMethod method, string url, object? body, HttpStatusCode expected)
    {
        var response = await installation.As(user).SendAsync(method, url, Json(body));
        Assert.True(response.StatusCode == expected, $"{user} {method} {url}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task AssertOutsideAsync(string user, HttpMethod method, string url, object? body, string named) =>
        await AssertOutsideAsync(await installation.As(user).SendAsync(method, url, Json(body)), named);

    /// <summary>403 problem with reason outside-scope whose detail names <paramref name="named"/>.</summary>
    private static async Task AssertOutsideAsync(HttpResponseMessage response, string named)
    {
        var text = await response.Content.ReadAsStringAsync();
        var what = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}";
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{what}: expected 403, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal("outside-scope", problem.GetProperty("reason").GetString());
        Assert.Contains(named, problem.GetProperty("detail").GetString());
    }

    private static StringContent? Json(object? body) =>
        body is null ? null : new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");
}
