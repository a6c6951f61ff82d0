using InfoRadio.Controller.Demo;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InfoRadio.EndToEnd.Tests.Browser;

/// <summary>
/// The technician's page against a <c>--demo</c> controller: a new box asks to join and is approved from the page into
/// a village and a zone (it then comes online as a speaker), and a speaker's volume is changed from the page until the
/// speaker itself reports running the new settings version.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DevicesPage_Browser_Tests(DemoConsole demo) : IClassFixture<DemoConsole>
{
    [Fact]
    public async Task A_technician_approves_a_new_box_into_a_village_and_it_comes_online()
    {
        await using var box = new EnrollingSpeaker("IR-DEMO-0042", DemoEnrollment.Token, demo.Controller.BrokerPort, Path.Combine(demo.Controller.DataDir, "..", "box"));
        var page = await demo.SignedInAsync("demo-technician", next: "devices.html");
        var card = page.Locator("article.enrollment[data-serial='ir-demo-0042']");
        // The page refreshes itself every 10 s: the request shows up without reloading.
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(card).ToContainTextAsync(box.Bootstrap.Enrollment!.KeyFingerprint);
        await card.Locator(".enr-name").FillAsync("Loa chợ Tây");
        await card.Locator(".enr-village").SelectOptionAsync("0898002");
        await card.Locator(".enr-zones input[value='trung-tam']").CheckAsync();
        await Screenshots.SaveAsync(page, "devices-enrollment");
        await card.Locator("button.approve").ClickAsync();
        await Assertions.Expect(page.Locator("#dev-error")).ToContainTextAsync("Đã duyệt ir-demo-0042");
        await Assertions.Expect(page.Locator("#enrollments")).ToContainTextAsync("Không có thiết bị nào đang chờ duyệt.");

        await Eventually.TrueAsync(async () => (await demo.Controller.OnlineDevicesAsync()).Contains("ir-demo-0042"), TimeSpan.FromSeconds(30), "the box online");
        var row = page.Locator("#device-table tr[data-device='ir-demo-0042']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "online", new() { Timeout = 30_000 });
        await Assertions.Expect(row).ToContainTextAsync("Loa chợ Tây");
        await Assertions.Expect(row).ToContainTextAsync("Thôn Tây");
        var device = await demo.Controller.Installer.GetJsonAsync("/api/devices/ir-demo-0042");
        Assert.Equal("0898002", device.GetProperty("villageCode").GetString());
        Assert.Equal(["trung-tam"], device.GetProperty("zones").EnumerateArray().Select(z => z.GetString()));
        Assert.Empty(demo.Browser.ErrorsOf(page));
    }

    [Fact]
    public async Task A_technician_changes_a_speakers_volume_and_the_speaker_reports_the_new_settings_version()
    {
        var (id, _) = demo.Speakers[0];
        var page = await demo.SignedInAsync("demo-technician", next: "devices.html");
        var row = page.Locator($"#device-table tr[data-device='{id}']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "online", new() { Timeout = 15_000 });
        await Assertions.Expect(row).ToContainTextAsync("4g");
        await Screenshots.SaveAsync(page, "devices");

        await row.Locator("button.edit-config").ClickAsync();
        await Assertions.Expect(page.Locator("#config-dialog")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#config-volume")).ToHaveValueAsync("80");
        await page.FillAsync("#config-volume", "65");
        await Screenshots.SaveAsync(page, "devices-config");
        await page.ClickAsync("#config-save");
        await Assertions.Expect(page.Locator("#dev-error")).ToContainTextAsync($"Đã lưu bản 1 cho {id}");
        await Assertions.Expect(row.Locator(".config-version")).ToContainTextAsync("loa đang dùng bản 1", new() { Timeout = 30_000 });

        var config = await demo.Controller.Installer.GetJsonAsync($"/api/devices/{id}/config");
        Assert.Equal(65, config.GetProperty("config").GetProperty("volume").GetInt32());
        Assert.Equal(1, config.GetProperty("appliedVersion").GetInt64());
        Assert.Empty(demo.Browser.ErrorsOf(page));
    }
}
