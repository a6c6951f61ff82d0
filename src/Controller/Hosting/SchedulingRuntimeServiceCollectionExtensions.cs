using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Runtime;
using InfoRadio.Controller.Scheduling.Storage;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Hosting;

public static class SchedulingRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// The scheduler that makes schedules air (after the broadcasting services): the LiteDB air ledger and
    /// preemption log, <see cref="SchedulerService"/> as a hosted service on the program profile's timing, options
    /// "Scheduling" (<see cref="SlotPlannerOptions"/>) and "Scheduling:Runtime". The catalog, the target directory
    /// and the media library are taken from the container (<c>AddInfoRadioSchedulingCatalog</c>).
    /// </summary>
    public static IServiceCollection AddInfoRadioSchedulingRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlotPlannerOptions>().Bind(configuration.GetSection(SlotPlannerOptions.Section))
            .Validate(o => o.Validate() is null, "Scheduling: invalid planner settings (OnTimeTolerance, LateGrace, MinLiveRemaining, Lookahead)")
            .ValidateOnStart();
        services.AddOptions<SchedulerRuntimeOptions>().Bind(configuration.GetSection(SchedulerRuntimeOptions.Section))
            .Validate(o => o.Validate() is null, "Scheduling:Runtime: invalid settings (LeadTime, CatalogPollInterval, NextHorizon)")
            .ValidateOnStart();

        services.AddSingleton<LiteDbAirLedger>();
        services.AddSingleton<IAirLedger>(sp => sp.GetRequiredService<LiteDbAirLedger>());
        services.AddSingleton<LiteDbPreemptionLog>();
        services.AddSingleton<IPreemptionLog>(sp => sp.GetRequiredService<LiteDbPreemptionLog>());
        services.AddSingleton<ProgramAudioLoader>();
        services.AddSingleton<BroadcastAirOutput>();
        services.AddSingleton<IAirOutput>(sp => sp.GetRequiredService<BroadcastAirOutput>());
        services.AddSingleton(sp => sp.GetRequiredService<BroadcastAirOutput>().Timing);
        services.AddSingleton<SchedulerService>();
        services.AddHostedService(sp => sp.GetRequiredService<SchedulerService>());
        return services;
    }
}
