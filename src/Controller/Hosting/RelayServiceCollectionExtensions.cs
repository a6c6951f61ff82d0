using InfoRadio.Controller.Relay;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Hosting;

public static class RelayServiceCollectionExtensions
{
    /// <summary>Stream relays (after broadcasting and the scheduling catalog): <see cref="RelayOptions"/> from "Relay", checked at start-up.</summary>
    public static IServiceCollection AddInfoRadioRelay(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RelayOptions>().Bind(configuration.GetSection(RelayOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RelayOptions>, RelayOptionsValidator>();
        services.AddSingleton<RelayConnector>();
        services.AddSingleton<RelayRuntime>();
        services.AddSingleton<RelayService>();
        return services;
    }

    private sealed class RelayOptionsValidator : IValidateOptions<RelayOptions>
    {
        public ValidateOptionsResult Validate(string? name, RelayOptions options) =>
            options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
