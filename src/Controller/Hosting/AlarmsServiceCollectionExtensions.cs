using InfoRadio.Controller.Alarms;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Hosting;

public static class AlarmsServiceCollectionExtensions
{
    /// <summary>
    /// Telemetry alarms (after the core): <see cref="AlarmOptions"/> from "Alarms" (checked at start-up), the
    /// <see cref="AlarmStore"/>, <see cref="AlarmCounters"/> and the <see cref="AlarmService"/> as a hosted service.
    /// </summary>
    public static IServiceCollection AddInfoRadioAlarms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlarmOptions>().Bind(configuration.GetSection(AlarmOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlarmOptions>, AlarmOptionsValidator>();
        services.AddSingleton<AlarmStore>();
        services.AddSingleton<AlarmCounters>();
        services.AddSingleton<AlarmService>();
        services.AddHostedService(sp => sp.GetRequiredService<AlarmService>());
        return services;
    }

    private sealed class AlarmOptionsValidator : IValidateOptions<AlarmOptions>
    {
        public ValidateOptionsResult Validate(string? name, AlarmOptions options) =>
            options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
