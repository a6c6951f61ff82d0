using InfoRadio.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InfoRadio.EndToEnd.Tests.Browser;

/// <summary>
/// The media page in Debian's headless Chromium: a broadcaster signs in, uploads a WAV the test made and sees it in
/// the library with its length and a player that loads it; a file that is not audio is refused with a clear message
/// and leaves nothing; a bulletin composed with a voice and speed is previewed (the player gets a playable WAV that
/// was stored nowhere) and then saved to the library.
/// </summary>
public sealed class MediaPage_Browser_Tests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private RunningController _controller = null!;
    private ConsoleBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _browser = await ConsoleBrowser.LaunchAsync();
        _controller = await ConsoleUsers.StartAsync(_temp.Sub("data"));
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _controller.DisposeAsync();
        _temp.Dispose();
    }

    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 20_000 };

    [Fact]
    public async Task A_broadcaster_uploads_a_wav_sees_it_in_the_library_and_plays_it()
    {
        var page = await _browser.OpenAsync(_controller, "bc", "media.html");
        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Thư viện âm thanh");

        await page.SetInputFilesAsync("#upload-file", new FilePayload { Name = "nhac-hieu.wav", MimeType = "audio/wav", Buffer = ConsoleUsers.ToneWav(2.5) });
        await page.FillAsync("#upload-title", "Nhạc hiệu đài xã");
        await page.ClickAsync("#upload-submit");
        await Assertions.Expect(page.Locator("#upload-status")).ToContainTextAsync("Đã lưu “Nhạc hiệu đài xã”", new() { Timeout = 20_000 });

        var row = page.Locator("#media-list li", new() { HasText = "Nhạc hiệu đài xã" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator(".media-duration")).ToHaveTextAsync("0:03"); // 2.5 s, rounded
        var stored = Assert.Single((await _controller.As("viewer").GetJsonAsync("/api/media")).EnumerateArray().ToArray());
        Assert.Equal(("Nhạc hiệu đài xã", "bc", 2.5), (stored.GetProperty("title").GetString(), stored.GetProperty("uploader").GetString(),
            stored.GetProperty("durationSeconds").GetDouble()));

        await row.Locator("button.play").ClickAsync();
        var player = page.Locator("#media-player");
        await Assertions.Expect(player).ToHaveAttributeAsync("src", $"/api/media/{stored.GetProperty("id").GetString()}/audio");
        await WaitForPlayableAsync(page, "#media-player", 2.5);

        // Not audio, though it says .wav: the server decodes it, refuses it, and the page says so in plain words.
        await page.SetInputFilesAsync("#upload-file", new FilePayload { Name = "hong.wav", MimeType = "audio/wav", Buffer = "RIFF not really a wave file at all"u8.ToArray() });
        await page.ClickAsync("#upload-submit");
        var status = page.Locator("#upload-status");
        await Assertions.Expect(status).ToContainTextAsync("Tệp “hong.wav” không dùng được", new() { Timeout = 20_000 });
        await Assertions.Expect(status).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("error"));
        // A file that is not even named as audio never leaves the browser.
        await page.SetInputFilesAsync("#upload-file", new FilePayload { Name = "bao-cao.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4"u8.ToArray() });
        await page.ClickAsync("#upload-submit");
        await Assertions.Expect(status).ToContainTextAsync("không phải WAV hoặc MP3");
        await Assertions.Expect(page.Locator("#media-list li")).ToHaveCountAsync(1);
        Assert.Single((await _controller.As("viewer").GetJsonAsync("/api/media")).EnumerateArray());

        await Screenshots.SaveAsync(page, "media-library");

        // Deleting: refused while a program uses the item (the page says so), done once nothing does.
        var id = stored.GetProperty("id").GetString()!;
        var program = await _controller.As("bc").PostOkAsync("/api/programs", new { title = "Nhạc hiệu", kind = "audio-file", mediaId = id });
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await row.Locator("button.delete").ClickAsync();
        await Assertions.Expect(page.Locator("#library-status")).ToContainTextAsync("Không xóa được “Nhạc hiệu đài xã” vì đang được dùng");
        await Assertions.Expect(row).ToBeVisibleAsync();
        Assert.Equal(204, (int)(await _controller.As("bc").DeleteAsync($"/api/programs/{program.GetProperty("id").GetString()}")).StatusCode);
        await row.Locator("button.delete").ClickAsync();
        await Assertions.Expect(page.Locator("#library-status")).ToContainTextAsync("Đã xóa “Nhạc hiệu đài xã”");
        await Assertions.Expect(page.Locator("#media-list li")).ToHaveCountAsync(0);
        Assert.Empty((await _controller.As("viewer").GetJsonAsync("/api/media")).EnumerateArray());
        await page.ClickAsync("#lang-switch");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Media library");
        await Assertions.Expect(page.Locator("#upload-submit")).ToHaveTextAsync("Upload");
        await Screenshots.SaveAsync(page, "media-library-en");
        Assert.Empty(_browser.ErrorsOf(page));
    }

    [Fact]
    public async Task A_bulletin_composed_with_a_voice_is_previewed_without_being_stored_then_saved()
    {
        var page = await _browser.OpenAsync(_controller, "bc", "media.html", ConsoleBrowser.Phone);
        await page.FillAsync("#tts-title", "Thông báo tiêm chủng");
        await page.FillAsync("#tts-text", "Kính thưa bà con. Sáng thứ Bảy ngày 6 tháng 12, trạm y tế xã tiêm vắc xin cho trẻ em dưới 5 tuổi.");
        await page.SelectOptionAsync("#tts-voice", "southern");
        await page.FillAsync("#tts-speed", "1.2");
        await Assertions.Expect(page.Locator("#tts-speed-value")).ToHaveTextAsync("1.2×");

        await page.ClickAsync("#tts-preview");
        await Assertions.Expect(page.Locator("#tts-status")).ToContainTextAsync("Đã sẵn sàng", new() { Timeout = 30_000 });
        var src = await page.GetAttributeAsync("#tts-audio", "src");
        Assert.StartsWith("blob:", src);
        var seconds = await WaitForPlayableAsync(page, "#tts-audio", null);
        Assert.InRange(seconds, 2, 30);
        Assert.Empty((await _controller.As("viewer").GetJsonAsync("/api/media")).EnumerateArray()); // a preview keeps nothing
        await Screenshots.SaveAsync(page, "media-tts-preview-phone");

        await page.ClickAsync("#tts-save");
        await Assertions.Expect(page.Locator("#tts-status")).ToContainTextAsync("Đã lưu “Thông báo tiêm chủng”", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#media-list li", new() { HasText = "Thông báo tiêm chủng" })).ToBeVisibleAsync(Slow);
        var item = Assert.Single((await _controller.As("viewer").GetJsonAsync("/api/media")).EnumerateArray().ToArray());
        Assert.Equal("Thông báo tiêm chủng", item.GetProperty("title").GetString());
        Assert.InRange(item.GetProperty("durationSeconds").GetDouble(), seconds - 0.5, seconds + 0.5);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "nothing wider than the phone");
        Assert.Empty(_browser.ErrorsOf(page));
    }

    [Fact]
    public async Task The_preview_of_an_empty_text_and_a_viewers_visit_get_clear_answers()
    {
        var response = await _controller.As("bc").PostAsync("/api/tts/preview", new { text = "   ", voice = "central" });
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(403, (int)(await _controller.As("viewer").PostAsync("/api/tts/preview", new { text = "Xin chào" })).StatusCode);
        var ok = await _controller.As("bc").PostAsync("/api/tts/preview", new { text = "Xin chào bà con", voice = "central", speed = 1.0 });
        Assert.Equal("audio/wav", ok.Content.Headers.ContentType?.MediaType);
        var wav = await ok.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4));

        var page = await _browser.OpenAsync(_controller, "viewer", "media.html");
        await Assertions.Expect(page.Locator("#media-empty")).ToBeVisibleAsync();
        Assert.False(await page.IsVisibleAsync("#upload-card"), "a viewer cannot upload: the form is not offered");
        Assert.False(await page.IsVisibleAsync("#tts-card"));
        Assert.Empty(_browser.ErrorsOf(page));
    }

    /// <summary>Waits until the audio element has loaded its source's metadata; answers its duration (checked when given).</summary>
    private static async Task<double> WaitForPlayableAsync(IPage page, string selector, double? expected)
    {
        await page.WaitForFunctionAsync($"() => {{ const a = document.querySelector('{selector}'); return a && a.readyState >= 1 && isFinite(a.duration) && a.duration > 0 && !a.error; }}",
            null, new() { Timeout = 20_000 });
        var duration = await page.EvalOnSelectorAsync<double>(selector, "a => a.duration");
        if (expected is { } e) Assert.InRange(duration, e - 0.1, e + 0.1);
        return duration;
    }
}
