namespace InfoRadio.EndToEnd.Tests.Browser;

/// <summary>
/// The browser test classes run one after another: each starts a controller, speakers and a Chromium, and several of
/// them at once on a small shared machine starve the fake microphone and the speakers' timing.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
