namespace InfoRadio.Cli;

/// <summary>A failure to report to the user as one clear line, ending the command with <see cref="ExitCode"/>.</summary>
public sealed class CliException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
