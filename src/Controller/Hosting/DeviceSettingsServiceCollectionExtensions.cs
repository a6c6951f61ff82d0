using InfoRadio.Controller.DeviceSettings;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Hosting;

public static class DeviceSettingsServiceCollectionExtensions
{
    /// <summary>
    /// Devices' pushed settings (after the core services): the store the desired-state publisher reads from and the
    /// service the API changes them with. <see cref="DeviceConfigOptions"/> (the defaults) is bound from
    /// "DeviceConfig" and checked at start-up.
    /// </summary>
    public static IServiceCollection AddInfoRadioDeviceSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeviceConfigOptions>().Bind(configuration.GetSection(DeviceConfigOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeviceConfigOptions>, DeviceConfigOptionsValidator>();
        services.AddSingleton<DeviceConfigStore>();
        services.AddSingleton<IDeviceConfigSource>(sp => sp.GetRequiredService<DeviceConfigStore>());
        services.AddSingleton<DeviceConfigService>();
        return services;
    }

    private sealed class DeviceConfigOptionsValidator : IValidateOptions<DeviceConfigOptions>
    {
        public ValidateOptionsResult Validate(string? name, DeviceConfigOptions options) =>
            options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
