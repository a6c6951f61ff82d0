using System.Text.Json;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InfoRadio.EndToEnd.Tests.Browser;

/// <summary>
/// The live page in a real headless Chromium whose fake microphone beeps: sign in, choose speakers, hold
/// push-to-talk, and the chosen speakers play the beeps; releasing, or closing the page, ends the session.
/// </summary>
public sealed class LivePage_Browser_Tests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private RunningController _controller = null!;
    private RunningSpeaker _a = null!, _b = null!, _other = null!;
    private Chromium _chromium = null!;

    public async Task InitializeAsync()
    {
        _chromium = await Chromium.LaunchAsync();
        _controller = await RunningController.StartAsync(_temp.Sub("data"), null, Live_EndToEnd_Tests.RoomyLive);
        _a = new RunningSpeaker("loa-a", await _controller.RegisterDeviceAsync("loa-a"), _controller.BrokerPort, _temp.Sub("a"));
        _b = new RunningSpeaker("loa-b", await _controller.RegisterDeviceAsync("loa-b"), _controller.BrokerPort, _temp.Sub("b"));
        _other = new RunningSpeaker("loa-khac", await _controller.RegisterDeviceAsync("loa-khac"), _controller.BrokerPort, _temp.Sub("other"));
        await Eventually.TrueAsync(async () => (await _controller.OnlineDevicesAsync()).Count == 3, TimeSpan.FromSeconds(15), "3 speakers online");
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _other.DisposeAsync();
        await _controller.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Holding_push_to_talk_sends_the_microphone_to_the_chosen_speakers_and_releasing_ends_cleanly()
    {
        var page = await OpenSignedInAsync();
        await page.FillAsync("#title", "Thông báo thử");
        await page.CheckAsync("#scope-some");
        await page.CheckAsync("input[name=device][value=loa-a]");
        await page.CheckAsync("input[name=device][value=loa-b]");

        var id = await HoldAsync(page, TimeSpan.FromSeconds(3));
        await page.Mouse.UpAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveAttributeAsync("data-state", "ended", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#reason")).ToContainTextAsync("đã kết thúc");

        var final = await Broadcast_EndToEnd_Tests.WaitForEndAsync(_controller, id, TimeSpan.FromSeconds(20));
        Assert.Equal("finished", final.GetProperty("state").GetString());
        Assert.Equal("Thông báo thử", final.GetProperty("title").GetString());
        Assert.Equal("live", final.GetProperty("profile").GetString());
        Assert.True(final.GetProperty("reason").ValueKind == JsonValueKind.Null, "a clean release has no reason: " + final.GetRawText());
        Assert.Equal(["loa-a", "loa-b"], final.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("id").GetString()).Order());
        Assert.All(final.GetProperty("devices").EnumerateArray(), d => Assert.Equal("finished", d.GetProperty("status").GetString()));
        // Held 3 s after on-air; the fake microphone needs a moment to start delivering, more on a busy machine.
        Assert.InRange(final.GetProperty("durationMs").GetInt64(), 1_000, 4_500);

        foreach (var speaker in new[] { _a, _b }) AssertHeardTheBeeps(speaker, id);
        Assert.False(File.Exists(_other.WavOf(id)), "a speaker that was not chosen played the session");
    }

    [Fact]
    public async Task Closing_the_page_mid_talk_ends_the_session()
    {
        var page = await OpenSignedInAsync();
        var id = await HoldAsync(page, TimeSpan.FromSeconds(2)); // every speaker: the default choice
        await page.CloseAsync();

        var final = await Broadcast_EndToEnd_Tests.WaitForEndAsync(_controller, id, TimeSpan.FromSeconds(20));
        Assert.Equal("finished", final.GetProperty("state").GetString());
        Assert.Equal(3, final.GetProperty("devices").GetArrayLength());
        Assert.All(final.GetProperty("devices").EnumerateArray(), d => Assert.Equal("finished", d.GetProperty("status").GetString()));
        Assert.InRange(final.GetProperty("durationMs").GetInt64(), 1_000, 4_000);
        AssertHeardTheBeeps(_other, id);
    }

    [Fact]
    public async Task A_viewer_pressing_the_space_bar_is_told_the_account_may_not_broadcast()
    {
        var page = await OpenSignedInAsync("viewer");
        await page.Keyboard.DownAsync("Space");
        await Assertions.Expect(page.Locator("#status")).ToHaveAttributeAsync("data-state", "error", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#reason")).ToContainTextAsync("không có quyền phát");
        await page.Keyboard.UpAsync("Space");
        var broadcasts = await (await _controller.Broadcaster.GetAsync("/api/broadcasts")).Content.ReadAsStringAsync();
        Assert.Equal("[]", broadcasts.Trim());
    }

    private async Task<IPage> OpenSignedInAsync(string user = "bc")
    {
        var page = await _chromium.Browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync($"http://127.0.0.1:{_controller.HttpPort}/live.html");
        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));
        await page.FillAsync("#token", CalendarUsers.Token(user));
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page.Locator("input[name=device][value=loa-a]")).ToBeAttachedAsync(new() { Timeout = 10_000 });
        Assert.Empty(errors);
        return page;
    }

    /// <summary>Presses push-to-talk, waits for on air, keeps it held for <paramref name="talk"/>; returns the broadcast id.</summary>
    private static async Task<string> HoldAsync(IPage page, TimeSpan talk)
    {
        await page.HoverAsync("#ptt");
        await page.Mouse.DownAsync();
        var status = page.Locator("#status");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-state", "on-air", new() { Timeout = 15_000 });
        var id = await status.GetAttributeAsync("data-broadcast-id");
        Assert.False(string.IsNullOrEmpty(id));
        await Task.Delay(talk);
        return id!;
    }

    /// <summary>The fake microphone beeps: what the speaker played must hold loud parts, not only silence.</summary>
    private static void AssertHeardTheBeeps(RunningSpeaker speaker, string id)
    {
        var played = TestAudio.ReadWav(speaker.WavOf(id));
        Assert.True(played.Length >= 48_000, $"{speaker.DeviceId} played only {played.Length} samples");
        var loud = 0;
        for (var i = 0; i + 480 <= played.Length; i += 480)
        {
            double sum = 0;
            for (var j = i; j < i + 480; j++) sum += played[j] * played[j];
            if (Math.Sqrt(sum / 480) > 0.01) loud++;
        }
        Assert.True(loud >= 10, $"{speaker.DeviceId}: {loud} loud 10 ms blocks in {played.Length / 48} ms, peak {played.Max(Math.Abs):0.000}");
    }
}
