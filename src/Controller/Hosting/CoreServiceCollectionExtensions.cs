using InfoRadio.Controller.Audit;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Broker;
using InfoRadio.Controller.Broker.External;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Messaging;
using InfoRadio.Controller.Security;
using InfoRadio.Controller.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Hosting;

/// <summary>Wiring of the controller's core: storage, device registry, embedded broker and the controller's MQTT link.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers options (<c>Storage</c>, <c>Broker</c>), <see cref="TimeProvider.System"/> (unless one is already
    /// registered), the data folder lock, <see cref="ControllerDatabase"/>, <see cref="DeviceRegistry"/>,
    /// <see cref="ControllerCredentials"/>, the counters, <see cref="TopicAccessPolicy"/>, the
    /// <see cref="EmbeddedBroker"/> as a hosted service unless <c>Broker:Embedded</c> is false, and then the
    /// <see cref="ControllerBus"/> as a hosted service (hosted services start in registration order, so the
    /// broker listens before the bus connects).
    /// </summary>
    /// <remarks>
    /// The <see cref="DataDirectoryLock"/> is acquired when the database is first resolved. A caller that takes it
    /// itself earlier registers its instance before calling this (the registration here is a TryAdd).
    /// </remarks>
    public static IServiceCollection AddInfoRadioCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDir), "Storage:DataDir must not be empty")
            .ValidateOnStart();
        services.AddOptions<BrokerOptions>()
            .Bind(configuration.GetSection(BrokerOptions.Section))
            .Validate(o => o.Port is > 0 and <= 65535, "Broker:Port must be between 1 and 65535")
            .Validate(o => o.Backlog > 0, "Broker:Backlog must be positive")
            .Validate(o => o.MaxPendingMessagesPerClient > 0, "Broker:MaxPendingMessagesPerClient must be positive")
            .Validate(o => o.ConnectTimeoutSeconds > 0, "Broker:ConnectTimeoutSeconds must be positive")
            .Validate(o => o.KeepAliveSeconds is > 0 and <= 65535, "Broker:KeepAliveSeconds must be between 1 and 65535")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Host), "Broker:Host must not be empty")
            .Validate(o => o.MaxDevicePublishBytes is >= 1024 and <= 16 * 1024 * 1024, "Broker:MaxDevicePublishBytes must be between 1024 and 16777216")
            .Validate(o => o.SecretChecksAtOnce is >= 0 and <= 1024, "Broker:SecretChecksAtOnce must be between 0 (one per processor) and 1024")
            .Validate(o => o.AuthLimit.PerClient.Validate("Broker:AuthLimit:PerClient") is null, "Broker:AuthLimit:PerClient is invalid")
            .Validate(o => o.AuthLimit.PerAddress.Validate("Broker:AuthLimit:PerAddress") is null, "Broker:AuthLimit:PerAddress is invalid")
            .Validate(o => !o.Tls.Enabled || o.Tls.Port is > 0 and <= 65535, "Broker:Tls:Port must be between 1 and 65535")
            .Validate(o => !o.Tls.Enabled || !o.Embedded || o.Tls.Port != o.Port || o.Tls.DisablePlainEndpoint,
                "Broker:Tls:Port must differ from Broker:Port while the plain endpoint is open")
            .Validate(o => !o.Tls.Enabled || string.IsNullOrWhiteSpace(o.Tls.CertificatePath) || File.Exists(o.Tls.CertificatePath),
                "Broker:Tls:CertificatePath does not exist")
            .Validate(o => o.External.Validate(o.Embedded) is null, "Broker:External is invalid (Kind, AdminUsername/AdminPassword or HookSecret)")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => DataDirectoryLock.Acquire(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDir));
        services.AddSingleton<ControllerDatabase>();
        services.AddSingleton<DeviceRegistry>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<ControllerCredentials>();
        services.AddSingleton<TopicAccessPolicy>();
        services.AddSingleton<BrokerCounters>();
        services.AddSingleton<ConnectThrottle>();
        services.AddSingleton<ServerCertificateSource>();
        services.AddSingleton<BusCounters>();
        services.AddSingleton<EventDeduplicator>();
        services.AddSingleton<StreamDeadlines>();

        if (configuration.GetValue(BrokerOptions.Section + ":" + nameof(BrokerOptions.Embedded), true))
        {
            services.AddSingleton(sp => new DeviceMessageTap(sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<DeviceSessionDelivery>();
            services.AddSingleton<EmbeddedBroker>();
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        }
        else if (configuration.GetSection(BrokerOptions.Section + ":External").Get<ExternalBrokerOptions>() is { IsMosquittoDynsec: true })
        {
            // Before the bus: the controller's own account is (re)created at mosquitto before its link connects.
            services.AddSingleton<MosquittoDynsecManager>();
            services.AddHostedService(sp => sp.GetRequiredService<MosquittoDynsecManager>());
        }
        services.AddSingleton<EmqxHookDecisions>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ControllerBus>(sp, new DeferredServices<IDeviceEventObserver>(sp)));
        services.AddHostedService(sp => sp.GetRequiredService<ControllerBus>());
        return services;
    }
}
