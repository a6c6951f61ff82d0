using InfoRadio.Controller.Demo;
using InfoRadio.Controller.Enrollment;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Hosting;

public static class EnrollmentServiceCollectionExtensions
{
    /// <summary>
    /// Enrollment over MQTT and secret rotation: options (<c>Enrollment</c>; with <c>Demo:Enabled</c> the demo token
    /// is accepted too), <see cref="EnrollmentTokens"/> (the embedded broker checks enrollment sessions with it),
    /// <see cref="EnrollmentStore"/>, <see cref="EnrollmentService"/>, <see cref="EnrollmentGateway"/> (hosted: it
    /// takes the requests the bus receives) and <see cref="SecretRotation"/>.
    /// </summary>
    public static IServiceCollection AddInfoRadioEnrollment(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EnrollmentOptions>()
            .Bind(configuration.GetSection(EnrollmentOptions.Section))
            .PostConfigure(o =>
            {
                if (configuration.GetValue<bool>(DemoOptions.Section + ":" + nameof(DemoOptions.Enabled)))
                    o.TokenHashes.Add(EnrollmentTokens.Hash(DemoEnrollment.Token));
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EnrollmentOptions>, EnrollmentOptionsValidator>();
        services.AddSingleton(sp => new EnrollmentTokens(sp.GetRequiredService<IOptions<EnrollmentOptions>>()));
        services.AddSingleton<EnrollmentStore>();
        services.AddSingleton<EnrollmentService>();
        services.AddSingleton<EnrollmentGateway>();
        services.AddHostedService(sp => sp.GetRequiredService<EnrollmentGateway>());
        services.AddSingleton<SecretRotation>();
        return services;
    }

    private sealed class EnrollmentOptionsValidator : IValidateOptions<EnrollmentOptions>
    {
        public ValidateOptionsResult Validate(string? name, EnrollmentOptions options) =>
            options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
