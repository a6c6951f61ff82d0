using InfoRadio.Controller.Emergency;
using InfoRadio.Controller.Messaging;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Hosting;

public static class EmergencyServiceCollectionExtensions
{
    /// <summary>
    /// The emergency service (<see cref="IEmergencyBroadcaster"/>) and its reach reports, after broadcasting and the
    /// scheduling catalog (it reads the chime from the media library). <see cref="EmergencyOptions"/> is bound from
    /// "Emergency" and checked at start-up.
    /// </summary>
    public static IServiceCollection AddInfoRadioEmergency(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmergencyOptions>()
            .Bind(configuration.GetSection(EmergencyOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmergencyOptions>, EmergencyOptionsValidator>();
        services.AddSingleton<EmergencyStore>();
        services.AddSingleton<EmergencyService>();
        services.AddSingleton<IEmergencyBroadcaster>(sp => sp.GetRequiredService<EmergencyService>());
        services.AddSingleton<IDeviceEventObserver>(sp => sp.GetRequiredService<EmergencyService>());
        services.AddHostedService(sp => sp.GetRequiredService<EmergencyService>());
        return services;
    }

    private sealed class EmergencyOptionsValidator : IValidateOptions<EmergencyOptions>
    {
        public ValidateOptionsResult Validate(string? name, EmergencyOptions options) =>
            options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
