using InfoRadio.Cli.Config;

namespace InfoRadio.Cli;

/// <summary>
/// What a command runs against: its output streams, its input (for the token prompt), where the sign-in is stored
/// and how HTTP is sent. The console in production; captured writers, a temporary folder or a fake handler in tests.
/// </summary>
public sealed class CliContext
{
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }
    public required TextReader In { get; init; }
    public required ConfigStore Config { get; init; }

    /// <summary>True when the token may be read from a terminal without echo.</summary>
    public bool InteractiveInput { get; init; }

    /// <summary>Builds the HTTP handler; tests pass a fake one. Null: a real socket handler.</summary>
    public Func<HttpMessageHandler>? Handler { get; init; }

    /// <summary>How long one request may take before the controller counts as unreachable.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Times are shown in this zone (the machine's own by default).</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Local;

    public static CliContext FromConsole() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        Config = new ConfigStore(ConfigStore.DefaultDirectory()),
        InteractiveInput = !Console.IsInputRedirected,
    };
}
