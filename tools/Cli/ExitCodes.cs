namespace InfoRadio.Cli;

/// <summary>The CLI's exit codes (documented in docs/cli.md and in --help), so scripts can tell failures apart.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The command line itself is wrong (unknown command, missing argument, bad value).</summary>
    public const int Usage = 1;
    /// <summary>Not signed in, the token was refused (401), or the user may not do this (403).</summary>
    public const int NotAuthorized = 2;
    /// <summary>The device, zone, area or enrollment does not exist (404).</summary>
    public const int NotFound = 3;
    /// <summary>The controller refused the request (validation, conflict, other 4xx) or failed (5xx).</summary>
    public const int Refused = 4;
    /// <summary>The controller could not be reached (connection refused, DNS, timeout, TLS).</summary>
    public const int Unreachable = 5;

    public const string HelpText =
        "Exit codes: 0 ok, 1 usage error, 2 not signed in or forbidden, 3 not found, 4 refused by the controller, 5 controller unreachable.";
}
