using InfoRadio.Controller.Cap;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Hosting;

public static class CapServiceCollectionExtensions
{
    /// <summary>
    /// CAP 1.2 ingest (after broadcasting and the scheduling catalog): <see cref="CapOptions"/> from "Cap", checked at
    /// start-up, the ledger, the sound resolver and <see cref="CapService"/>. The speech synthesizer and the emergency
    /// broadcaster are looked up when an alert airs, so this works whether or not they are registered.
    /// </summary>
    public static IServiceCollection AddInfoRadioCap(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CapOptions>()
            .Bind(configuration.GetSection(CapOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CapOptions>, CapOptionsValidator>();
        services.AddHttpClient(nameof(CapAudio));
        services.AddSingleton<CapStore>();
        services.AddSingleton<CapAudio>();
        services.TryAddSingleton<ICapAirway, CapAirway>();
        services.AddSingleton<CapService>();
        return services;
    }

    private sealed class CapOptionsValidator : IValidateOptions<CapOptions>
    {
        public ValidateOptionsResult Validate(string? name, CapOptions options) =>
            options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
