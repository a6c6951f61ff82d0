using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InfoRadio.EndToEnd.Tests.Browser;

/// <summary>
/// The reports page against a <c>--demo</c> controller after a demo speaker played a broadcast: the airtime table and
/// its SVG chart, the verified play log, the CSV download, and the English switch.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsPage_Browser_Tests(DemoConsole demo) : IClassFixture<DemoConsole>
{
    [Fact]
    public async Task An_officer_sees_airtime_as_a_table_and_a_chart_and_downloads_it()
    {
        var (speaker, _) = demo.Speakers[0];
        var samples = new float[3 * DecodedAudio.SampleRate];
        for (var i = 0; i < samples.Length; i++) samples[i] = 0.2f * MathF.Sin(2 * MathF.PI * 660 * i / DecodedAudio.SampleRate);
        var broadcasts = demo.Controller.Services.GetRequiredService<BroadcastService>();
        var id = broadcasts.Start("Tin báo cáo", new DecodedAudio { Samples = samples, SourceFormat = "test" }, BroadcastTargets.Devices([speaker])).Id;
        await Eventually.TrueAsync(() => Task.FromResult(broadcasts.Find(id)?.State is BroadcastState.Finished or BroadcastState.Failed),
            TimeSpan.FromSeconds(30), "the broadcast over");

        var page = await demo.SignedInAsync("demo-admin", next: "reports.html");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Báo cáo");
        var row = page.Locator("#report-table tbody tr", new() { HasText = speaker });
        await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#report-svg rect.bar")).Not.ToHaveCountAsync(0);
        var bar = page.Locator("#report-svg rect.bar[data-value]:not([data-value='0'])");
        await Assertions.Expect(bar).Not.ToHaveCountAsync(0);
        Assert.Contains("format=csv", await page.GetAttributeAsync("#export-csv", "href"));
        await Screenshots.SaveAsync(page, "reports");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("Device,Name,Village", csv.TrimStart('\uFEFF'));
        Assert.Contains(speaker, csv);

        await page.SelectOptionAsync("#report-kind", "playlog");
        await page.ClickAsync("#report-show");
        var play = page.Locator("#report-table tbody tr", new() { HasText = "Tin báo cáo" });
        await Assertions.Expect(play).ToHaveCountAsync(1);
        await Assertions.Expect(play).ToContainTextAsync("finished");
        await Screenshots.SaveAsync(page, "reports-playlog");

        await page.ClickAsync("#lang-switch");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Reports");
        await Assertions.Expect(page.Locator("#report-table th").First).ToHaveTextAsync("Device");
        await Screenshots.SaveAsync(page, "reports-en");

        var phone = await demo.SignedInAsync("demo-broadcaster-tp", next: "reports.html", viewport: ConsoleBrowser.Phone);
        await Assertions.Expect(phone.Locator("#report-table tbody tr").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Screenshots.SaveAsync(phone, "reports-phone");
        Assert.Empty(demo.Browser.ErrorsOf(page));
        Assert.Empty(demo.Browser.ErrorsOf(phone));
    }
}
