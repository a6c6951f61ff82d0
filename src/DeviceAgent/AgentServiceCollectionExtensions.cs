using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfoRadio.DeviceAgent;

public static class AgentServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AgentOptions"/> (section <c>Agent</c>, validated at start) and the <see cref="AgentWorker"/>
    /// that enrolls the box if needed and runs its <see cref="SpeakerAgent"/>.
    /// </summary>
    public static IServiceCollection AddSpeakerAgent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgentOptions>().Bind(configuration.GetSection(AgentOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<AgentWorker>();
        return services;
    }
}
