namespace InfoRadio.Cli.Config;

/// <summary>The stored sign-in: which controller, with which bearer token.</summary>
public sealed record CliConfig(string Url, string Token);
