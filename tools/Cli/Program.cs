return await InfoRadio.Cli.CliApp.RunAsync(args, InfoRadio.Cli.CliContext.FromConsole());
