using Microsoft.Playwright;

namespace InfoRadio.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The web console in Debian's Chromium (the <see cref="Infrastructure.Chromium"/> helper): pages that collect their
/// script errors, and signing in through the console's own sign-in page with a name and a password.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    /// <summary>A phone held upright (the narrowest screen the console is made for).</summary>
    public static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    private readonly Dictionary<IPage, List<string>> _errors = [];

    private ConsoleBrowser(Chromium chromium) => Chromium = chromium;

    public Chromium Chromium { get; }

    public IBrowser Browser => Chromium.Browser;

    public static async Task<ConsoleBrowser> LaunchAsync() => new(await Chromium.LaunchAsync());

    /// <summary>
    /// A page in a fresh context (its own cookies and localStorage, so users never share a session), desktop-sized
    /// unless a viewport is given. Script errors are collected: see <see cref="ErrorsOf"/>.
    /// </summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null, bool isMobile = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = viewport ?? Desktop,
            IsMobile = isMobile,
            HasTouch = isMobile,
            Locale = "vi-VN",
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        lock (_errors) _errors[page] = errors;
        page.PageError += (_, e) => { lock (errors) errors.Add(e); };
        return page;
    }

    /// <summary>Uncaught script errors the page has had so far.</summary>
    public IReadOnlyList<string> ErrorsOf(IPage page)
    {
        lock (_errors)
        {
            var errors = _errors.GetValueOrDefault(page) ?? [];
            lock (errors) return errors.ToArray();
        }
    }

    /// <summary>
    /// Opens <c>signin.html</c> (with <paramref name="next"/> as the page to come back to, if given), types the name
    /// and password, submits, and waits until the console's shell shows the signed-in user on the next page.
    /// </summary>
    public static async Task SignInAsync(IPage page, string baseUrl, string name, string password, string? next = null)
    {
        var url = baseUrl.TrimEnd('/') + "/signin.html" + (next is null ? "" : "?next=" + Uri.EscapeDataString(next));
        await page.GotoAsync(url);
        await page.FillAsync("#signin-name", name);
        await page.FillAsync("#signin-password", password);
        await page.ClickAsync("#signin-submit");
        await page.WaitForURLAsync(u => !u.Contains("/signin.html", StringComparison.Ordinal), new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync(name, new() { Timeout = 15_000 });
    }

    public ValueTask DisposeAsync() => Chromium.DisposeAsync();
}
