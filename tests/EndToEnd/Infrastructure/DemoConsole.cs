using System.Text.Json;
using InfoRadio.Controller.Demo;
using Microsoft.Playwright;

namespace InfoRadio.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A controller started with <c>--demo</c> (its demo speakers run inside it) and the console's browser, shared by the
/// console's browser tests (xunit class fixture): starting both takes a while on a loaded machine.
/// </summary>
public sealed class DemoConsole : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    public RunningController Controller { get; private set; } = null!;
    public ConsoleBrowser Browser { get; private set; } = null!;
    public string BaseUrl => $"http://127.0.0.1:{Controller.HttpPort}";

    /// <summary>Every demo speaker as the unlimited technician sees them (id, village code).</summary>
    public IReadOnlyList<(string Id, string? Village)> Speakers { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Browser = await ConsoleBrowser.LaunchAsync();
        Controller = await RunningController.StartAsync(_temp.Sub("data"), null, "--demo");
        await Eventually.TrueAsync(async () =>
        {
            var devices = await Controller.Installer.GetJsonAsync("/api/devices");
            return devices.GetArrayLength() >= 3 && devices.EnumerateArray().All(d => d.GetProperty("online").GetBoolean());
        }, TimeSpan.FromSeconds(30), "every demo speaker online");
        Speakers = (await Controller.Installer.GetJsonAsync("/api/devices")).EnumerateArray()
            .Select(d => (d.GetProperty("id").GetString()!, d.GetProperty("villageCode").ValueKind == JsonValueKind.String ? d.GetProperty("villageCode").GetString() : null))
            .ToArray();
    }

    /// <summary>A fresh page (own cookies and language) signed in as a demo user through the sign-in page.</summary>
    public async Task<IPage> SignedInAsync(string user, string? next = null, ViewportSize? viewport = null)
    {
        var page = await Browser.NewPageAsync(viewport, isMobile: viewport is not null && viewport.Width < 600);
        await ConsoleBrowser.SignInAsync(page, BaseUrl, user, DemoUsers.Password, next);
        return page;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Controller.DisposeAsync();
        _temp.Dispose();
    }
}
