using Microsoft.Playwright;

namespace InfoRadio.EndToEnd.Tests.Infrastructure;

/// <summary>Screenshots of the console's pages, written by the browser tests to artifacts/screenshots/ of the repository.</summary>
public static class Screenshots
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "InfoRadio.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException($"no InfoRadio.sln above {AppContext.BaseDirectory}");
        return Directory.CreateDirectory(Path.Combine(dir.FullName, "artifacts", "screenshots")).FullName;
    });

    /// <summary>The folder the screenshots go to (created on first use).</summary>
    public static string Location => Folder.Value;

    /// <summary>Writes the whole page as artifacts/screenshots/<paramref name="name"/>.png and returns the file's path.</summary>
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        if (name.Length == 0 || name.IndexOfAny([.. Path.GetInvalidFileNameChars(), '.']) >= 0)
            throw new ArgumentException($"'{name}' is not a plain file name (no extension, no folders)", nameof(name));
        var path = Path.Combine(Folder.Value, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
