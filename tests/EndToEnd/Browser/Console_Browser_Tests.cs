using InfoRadio.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InfoRadio.EndToEnd.Tests.Browser;

/// <summary>
/// The web console against a <c>--demo</c> controller in Debian's Chromium, the way a commune officer meets it: sign in
/// with a demo account, read the dashboard, switch to English, use it on a phone, raise an emergency and watch every
/// demo speaker report it, manage accounts. Every page's screenshot goes to artifacts/screenshots/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class Console_Browser_Tests(DemoConsole demo) : IClassFixture<DemoConsole>
{
    [Fact]
    public async Task A_visitor_is_sent_to_sign_in_and_one_demo_button_signs_in_onto_a_dashboard_with_every_demo_cluster_online()
    {
        var page = await demo.Browser.NewPageAsync();
        await page.GotoAsync(demo.BaseUrl + "/index.html");
        await page.WaitForURLAsync(u => u.EndsWith("/signin.html?next=index.html", StringComparison.Ordinal));
        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));

        // A wrong password is refused in plain words, and the page stays.
        await page.FillAsync("#signin-name", "demo-viewer");
        await page.FillAsync("#signin-password", "not-the-password");
        await page.ClickAsync("#signin-submit");
        await Assertions.Expect(page.Locator("#signin-error")).ToHaveTextAsync("Sai tên đăng nhập hoặc mật khẩu.");
        Assert.Contains("/signin.html", page.Url);

        await Assertions.Expect(page.Locator("#demo-accounts")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#demo-demo-broadcaster")).ToContainTextAsync("phát thanh viên");
        await Screenshots.SaveAsync(page, "signin");
        await page.ClickAsync("#demo-demo-broadcaster");
        await page.WaitForURLAsync(u => u.EndsWith("/index.html", StringComparison.Ordinal), new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("demo-broadcaster");

        var total = demo.Speakers.Count.ToString();
        await Assertions.Expect(page.Locator("#count-total")).ToHaveTextAsync(total, new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#count-online")).ToHaveTextAsync(total);
        await Assertions.Expect(page.Locator("#count-offline")).ToHaveTextAsync("0");
        foreach (var (id, _) in demo.Speakers)
            await Assertions.Expect(page.Locator($"li[data-device='{id}']")).ToHaveAttributeAsync("data-state", "online");
        var villages = demo.Speakers.Select(s => s.Village).Distinct().Count();
        await Assertions.Expect(page.Locator("article.village")).ToHaveCountAsync(villages);
        await Assertions.Expect(page.Locator("article.village[data-village='0898001'] h3")).ToContainTextAsync("Thôn Đông");
        await Assertions.Expect(page.Locator("#nav-index")).ToHaveAttributeAsync("aria-current", "page");
        await Screenshots.SaveAsync(page, "dashboard");
        Assert.Empty(demo.Browser.ErrorsOf(page));

        // Signing out ends the session: the dashboard sends the visitor back to sign in.
        await page.ClickAsync("#sign-out");
        await page.WaitForURLAsync(u => u.Contains("/signin.html", StringComparison.Ordinal));
        await page.GotoAsync(demo.BaseUrl + "/index.html");
        await page.WaitForURLAsync(u => u.Contains("/signin.html?next=index.html", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_English_switch_changes_the_texts_and_the_choice_follows_to_the_next_page()
    {
        var page = await demo.SignedInAsync("demo-viewer");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tổng quan");
        await Assertions.Expect(page.Locator("#nav-devices")).ToHaveTextAsync("Thiết bị");
        await Assertions.Expect(page.Locator("li[data-device] .badge").First).ToHaveTextAsync("hoạt động", new() { Timeout = 15_000 });
        // A viewer is not offered broadcasting.
        await Assertions.Expect(page.Locator("#nav-emergency")).ToHaveCountAsync(0);

        await page.ClickAsync("#lang-switch");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        await Assertions.Expect(page.Locator("#nav-devices")).ToHaveTextAsync("Devices");
        await Assertions.Expect(page.Locator("#sign-out")).ToHaveTextAsync("Sign out");
        await Assertions.Expect(page.Locator("#lang-switch")).ToHaveTextAsync("Tiếng Việt");
        await Assertions.Expect(page.Locator("li[data-device] .badge").First).ToHaveTextAsync("online");
        await Assertions.Expect(page.Locator("#count-online + span")).ToHaveTextAsync("Online");
        await Screenshots.SaveAsync(page, "dashboard-en");

        await page.ClickAsync("#nav-devices");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Devices");
        await Assertions.Expect(page.Locator("#device-table th").First).ToHaveTextAsync("Speaker", new() { Timeout = 15_000 });
        await Screenshots.SaveAsync(page, "devices-en");

        await page.ClickAsync("#lang-switch");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Thiết bị");
        await Assertions.Expect(page.Locator("#device-table th").First).ToHaveTextAsync("Loa");
        Assert.Empty(demo.Browser.ErrorsOf(page));
    }

    [Fact]
    public async Task On_a_phone_the_navigation_folds_into_a_menu_and_no_page_is_wider_than_the_screen()
    {
        var page = await demo.SignedInAsync("demo-broadcaster", viewport: ConsoleBrowser.Phone);
        await Assertions.Expect(page.Locator("#count-online")).ToHaveTextAsync(demo.Speakers.Count.ToString(), new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#nav")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#nav-toggle")).ToBeVisibleAsync();
        await AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "dashboard-phone");

        await page.ClickAsync("#nav-toggle");
        await Assertions.Expect(page.Locator("#nav-emergency")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "menu-phone");
        foreach (var (link, name) in new[] { ("#nav-emergency", "emergency-phone"), ("#nav-live", "live-phone"), ("#nav-devices", "devices-phone"), ("#nav-account", "account-phone") })
        {
            if (!await page.Locator("#nav").IsVisibleAsync()) await page.ClickAsync("#nav-toggle");
            await page.ClickAsync(link);
            await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("demo-broadcaster");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await AssertFitsAsync(page);
            await Screenshots.SaveAsync(page, name);
        }
        Assert.Empty(demo.Browser.ErrorsOf(page));
    }

    [Fact]
    public async Task An_emergency_raised_from_the_page_is_confirmed_with_its_speaker_count_and_reaches_every_demo_speaker()
    {
        var page = await demo.SignedInAsync("demo-broadcaster", next: "emergency.html");
        var count = demo.Speakers.Count;
        await Assertions.Expect(page.Locator("#scope-all")).ToBeCheckedAsync(new() { Timeout = 10_000 });
        await page.FillAsync("#title", "Cảnh báo bão số 3");
        await page.FillAsync("#text", "Bão số 3 đổ bộ chiều nay, bà con chằng chống nhà cửa.");
        await page.FillAsync("#repeat", "1");
        await page.ClickAsync("#go");
        await Assertions.Expect(page.Locator("#confirm-text")).ToContainTextAsync($"tới {count} loa ({count} đang trực tuyến), 1 lần");
        await Screenshots.SaveAsync(page, "emergency-confirm-demo");

        // Cancelling airs nothing.
        await page.ClickAsync("#confirm-cancel");
        await Assertions.Expect(page.Locator("#confirm-dialog")).ToBeHiddenAsync();
        Assert.Equal(0, (await demo.Controller.Installer.GetJsonAsync("/api/emergencies")).GetArrayLength());

        await page.ClickAsync("#go");
        await page.ClickAsync("#confirm-go");
        await Assertions.Expect(page.Locator("#c-targeted")).ToHaveTextAsync(count.ToString(), new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#c-percent")).ToHaveTextAsync("100%", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#c-reached")).ToHaveTextAsync(count.ToString());
        await Assertions.Expect(page.Locator("#rows tr.reached")).ToHaveCountAsync(count);
        await Screenshots.SaveAsync(page, "emergency");
        await Assertions.Expect(page.Locator("#r-state")).ToHaveTextAsync("Đã kết thúc", new() { Timeout = 60_000 });
        Assert.Empty(demo.Browser.ErrorsOf(page));
    }

    [Fact]
    public async Task An_admin_creates_a_commune_user_who_changes_the_password_and_signs_in_with_the_new_one()
    {
        var admin = await demo.SignedInAsync("demo-admin", next: "account.html");
        await Assertions.Expect(admin.Locator("tr[data-user='demo-viewer']")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await admin.ClickAsync("#user-new");
        await admin.FillAsync("#user-name", "can-bo-tien-phong");
        await admin.CheckAsync("#user-roles input[value=broadcaster]");
        await admin.SelectOptionAsync("#user-areas", ["08980"]);
        await admin.FillAsync("#user-password", "mat-khau-ban-dau-1");
        await admin.ClickAsync("#user-save");
        var row = admin.Locator("tr[data-user='can-bo-tien-phong']");
        await Assertions.Expect(row).ToContainTextAsync("phát thanh viên");
        await Assertions.Expect(row).ToContainTextAsync("Xã Tiền Phong (08980)");
        await Screenshots.SaveAsync(admin, "account-admin");

        // The new officer signs in, sees the commune as the area, changes the password; the old one stops working.
        var officer = await demo.Browser.NewPageAsync();
        await ConsoleBrowser.SignInAsync(officer, demo.BaseUrl, "can-bo-tien-phong", "mat-khau-ban-dau-1", next: "account.html");
        await Assertions.Expect(officer.Locator("#me-areas")).ToHaveTextAsync("Xã Tiền Phong (08980)");
        await officer.FillAsync("#pw-current", "mat-khau-ban-dau-1");
        await officer.FillAsync("#pw-new", "ngan");
        await officer.FillAsync("#pw-repeat", "ngan");
        await officer.ClickAsync("#pw-save");
        await Assertions.Expect(officer.Locator("#pw-message")).ToHaveTextAsync("Mật khẩu mới phải có ít nhất 10 ký tự.");
        await officer.FillAsync("#pw-new", "mat-khau-moi-cua-toi");
        await officer.FillAsync("#pw-repeat", "mat-khau-moi-cua-toi");
        await officer.ClickAsync("#pw-save");
        await Assertions.Expect(officer.Locator("#pw-message")).ToContainTextAsync("Đã đổi mật khẩu");
        await Screenshots.SaveAsync(officer, "account");
        await officer.ClickAsync("#sign-out");
        await officer.WaitForURLAsync(u => u.Contains("/signin.html", StringComparison.Ordinal));
        await officer.FillAsync("#signin-name", "can-bo-tien-phong");
        await officer.FillAsync("#signin-password", "mat-khau-ban-dau-1");
        await officer.ClickAsync("#signin-submit");
        await Assertions.Expect(officer.Locator("#signin-error")).ToHaveTextAsync("Sai tên đăng nhập hoặc mật khẩu.");
        await ConsoleBrowser.SignInAsync(officer, demo.BaseUrl, "can-bo-tien-phong", "mat-khau-moi-cua-toi");
        Assert.Empty(demo.Browser.ErrorsOf(officer));
        Assert.Empty(demo.Browser.ErrorsOf(admin));
    }

    [Fact]
    public async Task A_broadcaster_of_one_commune_sees_only_that_communes_speakers_on_the_dashboard_and_the_devices_page()
    {
        var parents = (await demo.Controller.Installer.GetJsonAsync("/api/areas?flat=true")).EnumerateArray()
            .ToDictionary(a => a.GetProperty("code").GetString()!, a => a.GetProperty("parent").GetString());
        bool InTienPhong(string? code)
        {
            for (var c = code; c is not null; c = parents.GetValueOrDefault(c)) if (c == "08980") return true;
            return false;
        }
        var own = demo.Speakers.Where(s => InTienPhong(s.Village)).Select(s => s.Id).ToArray();
        var other = demo.Speakers.Where(s => !InTienPhong(s.Village)).Select(s => s.Id).ToArray();
        Assert.NotEmpty(own);
        Assert.True(other.Length > 0, "the demo must place speakers outside commune 08980 (the second demo commune, 08983)");

        var page = await demo.SignedInAsync("demo-broadcaster-tp");
        await Assertions.Expect(page.Locator("#count-total")).ToHaveTextAsync(own.Length.ToString(), new() { Timeout = 15_000 });
        foreach (var id in own) await Assertions.Expect(page.Locator($"li[data-device='{id}']")).ToBeVisibleAsync();
        foreach (var id in other) await Assertions.Expect(page.Locator($"[data-device='{id}']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#villages")).Not.ToContainTextAsync("Hòa Bình");
        await Screenshots.SaveAsync(page, "dashboard-commune-broadcaster");

        await page.ClickAsync("#nav-devices");
        await Assertions.Expect(page.Locator("#device-table tbody tr")).ToHaveCountAsync(own.Length, new() { Timeout = 15_000 });
        foreach (var id in other) await Assertions.Expect(page.Locator($"[data-device='{id}']")).ToHaveCountAsync(0);
        // A broadcaster may look at the speakers but not change their settings.
        await Assertions.Expect(page.Locator("button.edit-config")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "devices-commune-broadcaster");
        Assert.Empty(demo.Browser.ErrorsOf(page));
    }

    private static async Task AssertFitsAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= ConsoleBrowser.Phone.Width, $"{page.Url} is {width} px wide on a {ConsoleBrowser.Phone.Width} px phone");
    }
}
