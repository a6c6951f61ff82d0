using InfoRadio.DeviceAgent;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

var builder = Host.CreateApplicationBuilder(args);
// Lowest priority: agentsettings.json beside the binary, under appsettings.json, environment and command line
// (e.g. --Agent:DeviceId=x --Agent:Secret=y).
builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
{
    Path = "agentsettings.json",
    Optional = true,
    FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
});
// Under systemd (Type=notify, deploy/systemd): READY=1 once started, journald log format; elsewhere a no-op.
builder.Services.AddSystemd();
builder.Services.AddSpeakerAgent(builder.Configuration);
try
{
    builder.Build().Run();
}
catch (OptionsValidationException ex)
{
    // A configuration mistake deserves a short list of what to fix, not a stack trace.
    Console.Error.WriteLine("Invalid agent configuration:");
    foreach (var failure in ex.Failures) Console.Error.WriteLine("  - " + failure);
    return 2;
}
return Environment.ExitCode;
