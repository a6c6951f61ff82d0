using System.Net.Http.Headers;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InfoRadio.EndToEnd.Tests.Browser;

/// <summary>
/// The calendar test users (<see cref="CalendarUsers"/>) with passwords as well as tokens, so the browser tests sign in
/// through the console's sign-in page while the test itself checks the API with the same user's bearer token.
/// </summary>
public static class ConsoleUsers
{
    public static string Password(string user) => $"{user}-mat-khau-2025";

    /// <summary>A broadcaster limited to village 0898001 (Thôn Đông of <see cref="Targets"/>).</summary>
    public const string Limited = "dong";

    public static string[] Args() =>
    [
        .. CalendarUsers.Args(),
        .. CalendarUsers.All.Select((u, i) => $"--Accounts:Users:{i}:Password={Password(u.Name)}"),
        $"--Accounts:Users:{CalendarUsers.All.Count}:Name={Limited}",
        $"--Accounts:Users:{CalendarUsers.All.Count}:Roles:0=broadcaster",
        $"--Accounts:Users:{CalendarUsers.All.Count}:Token={CalendarUsers.Token(Limited)}",
        $"--Accounts:Users:{CalendarUsers.All.Count}:Areas:0=0898001",
    ];

    public static Task<RunningController> StartAsync(string dataDir) => RunningController.StartAsync(dataDir, null, Args());

    public static string BaseUrl(this RunningController controller) => $"http://127.0.0.1:{controller.HttpPort}";

    /// <summary>A fresh browser context (its own cookies) signed in as <paramref name="user"/> through signin.html, then on <paramref name="page"/>.</summary>
    public static async Task<IPage> OpenAsync(this ConsoleBrowser browser, RunningController controller, string user, string page, ViewportSize? viewport = null)
    {
        var tab = await browser.NewPageAsync(viewport, isMobile: viewport is { Width: < 500 });
        await ConsoleBrowser.SignInAsync(tab, controller.BaseUrl(), user, Password(user), next: page);
        if (!tab.Url.EndsWith("/" + page, StringComparison.Ordinal)) await tab.GotoAsync(controller.BaseUrl() + "/" + page);
        await Assertions.Expect(tab.Locator("#who")).ToHaveTextAsync(user, new() { Timeout = 15_000 });
        return tab;
    }

    /// <summary>Uploads a WAV through the API (multipart, as the console does) and answers the new item's id.</summary>
    public static async Task<string> UploadWavAsync(this RunningController controller, string user, string title, byte[] wav)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(wav);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "file", "upload.wav");
        form.Add(new StringContent(title), "title");
        var item = await ApiClient.Ok(await controller.As(user).SendAsync(HttpMethod.Post, "/api/media", form));
        return item.GetProperty("id").GetString()!;
    }

    /// <summary>A tone of <paramref name="seconds"/> at 48 kHz as a 16-bit WAV file.</summary>
    public static byte[] ToneWav(double seconds, double hz = 440)
    {
        var samples = new float[(int)(seconds * 48_000)];
        for (var i = 0; i < samples.Length; i++) samples[i] = 0.3f * MathF.Sin((float)(2 * Math.PI * hz * i / 48_000));
        return TestAudio.Wav(samples, 48_000);
    }
}
