using InfoRadio.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InfoRadio.EndToEnd.Tests.Browser;

/// <summary>
/// The emergency page in a real headless Chromium: a broadcaster signs in through the sign-in page, types a warning,
/// confirms in a step that says how many speakers it will reach, and the reach report fills in from the speakers' own
/// reports until both have played the chime and the spoken text to the end (100%).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EmergencyPage_Browser_Tests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private RunningController _controller = null!;
    private RunningSpeaker _a = null!, _b = null!;
    private ConsoleBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _browser = await ConsoleBrowser.LaunchAsync();
        _controller = await CalendarUsers.StartAsync(_temp.Sub("data"));
        _a = new RunningSpeaker("loa-a", await _controller.RegisterDeviceAsync("loa-a"), _controller.BrokerPort, _temp.Sub("a"));
        _b = new RunningSpeaker("loa-b", await _controller.RegisterDeviceAsync("loa-b"), _controller.BrokerPort, _temp.Sub("b"));
        await Eventually.TrueAsync(async () => (await _controller.OnlineDevicesAsync()).Count == 2, TimeSpan.FromSeconds(15), "2 speakers online");
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _controller.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_typed_warning_to_every_speaker_is_confirmed_aired_and_its_reach_fills_in()
    {
        var page = await _browser.NewPageAsync();
        await ConsoleBrowser.SignInAsync(page, $"http://127.0.0.1:{_controller.HttpPort}", "bc", CalendarUsers.Password("bc"), next: "emergency.html");
        Assert.EndsWith("/emergency.html", page.Url);
        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.Locator("#form")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("input[name=device][value=loa-a]")).ToBeAttachedAsync(new() { Timeout = 10_000 });

        await page.FillAsync("#title", "Cảnh báo lũ quét");
        await page.CheckAsync("input[name=kind][value=text]");
        await page.FillAsync("#text", "Nước sông dâng cao, bà con di chuyển lên vùng cao trước 15h30.");
        await page.FillAsync("#repeat", "1");
        await page.ClickAsync("#go");

        // The guard: nothing airs until the officer confirms a step that names how many speakers it will reach.
        await Assertions.Expect(page.Locator("#confirm-dialog")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#confirm-text")).ToContainTextAsync("tới 2 loa (2 đang trực tuyến), 1 lần");
        await Screenshots.SaveAsync(page, "emergency-confirm");
        Assert.Equal(0, (await _controller.As("viewer").GetJsonAsync("/api/emergencies")).GetArrayLength());
        await page.ClickAsync("#confirm-go");

        await Assertions.Expect(page.Locator("#report")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#c-targeted")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("#c-reached")).ToHaveTextAsync("2", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#c-finished")).ToHaveTextAsync("2", new() { Timeout = 40_000 });
        await Assertions.Expect(page.Locator("#r-state")).ToContainTextAsync("Đã kết thúc", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#rows tr.reached")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#c-percent")).ToHaveTextAsync("100%");
        await Screenshots.SaveAsync(page, "emergency-report");
        Assert.Empty(_browser.ErrorsOf(page));

        var list = await _controller.As("viewer").GetJsonAsync("/api/emergencies");
        var emergency = Assert.Single(list.EnumerateArray().ToArray());
        Assert.Equal(("Cảnh báo lũ quét", "bc"), (emergency.GetProperty("title").GetString(), emergency.GetProperty("requestedBy").GetString()));
        var played = TestAudio.ReadWav(_a.WavOf(emergency.GetProperty("broadcastId").GetString()!));
        Assert.True(played.Length > 48_000 * 4, $"loa-a played {played.Length / 48_000.0:0.0} s of chime and speech");
    }
}
