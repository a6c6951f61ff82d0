using InfoRadio.Controller.Demo;

namespace InfoRadio.Controller.Hosting;

public static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddInfoRadioDemo(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(DemoOptions.Section);
        services.AddOptions<DemoOptions>().Bind(section);
        if (section.GetValue<bool>(nameof(DemoOptions.Enabled)))
        {
            // Registered before the speakers: they are placed in the villages this seeds.
            services.AddHostedService<DemoCalendarSeed>();
            services.AddHostedService<DemoSpeakers>();
        }
        return services;
    }
}
