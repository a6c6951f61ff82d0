using InfoRadio.Controller.Hosting;
using InfoRadio.Controller.Broker;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Messaging;
using InfoRadio.Controller.Storage;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InfoRadio.Controller.Tests.Messaging;

public sealed class AddInfoRadioCoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly int _port = FreePort.Next();

    public void Dispose() => _dir.Dispose();

    private IHost BuildHost(params (string Key, string Value)[] extra)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataDir"] = _dir.Path,
            ["Broker:Port"] = _port.ToString(),
            ["Broker:ListenIPv6"] = "false",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<IDeviceEventObserver, RecordingObserver>();
        builder.Services.AddInfoRadioCore(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task The_host_starts_the_broker_then_the_bus_and_devices_work_end_to_end()
    {
        using var host = BuildHost();
        await host.StartAsync();
        try
        {
            var bus = host.Services.GetRequiredService<ControllerBus>();
            using var timeout = new CancellationTokenSource(Poll.DefaultTimeout);
            await bus.WaitConnectedAsync(timeout.Token);
            Assert.True(host.Services.GetRequiredService<EmbeddedBroker>().IsRunning);
            Assert.Same(TimeProvider.System, host.Services.GetRequiredService<TimeProvider>());
            Assert.True(File.Exists(Path.Combine(_dir.Path, DataDirectoryLock.LockFileName)));

            var registry = host.Services.GetRequiredService<DeviceRegistry>();
            var secret = registry.Register("dev1", null).Secret;
            var (device, result) = await TestClient.TryConnectAsync(_port, "dev1", "dev1", secret);
            await using var _ = device;
            Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, result.ResultCode);
            await device.PublishAsync(TopicTree.DeviceState("dev1"), MessageCodec.Encode(new ReportedState { Online = true }), retain: true);
            await Poll.UntilAsync(() => registry.Find("dev1")!.Online, "the device is online through the host");

            var observer = (RecordingObserver)host.Services.GetRequiredService<IDeviceEventObserver>();
            var played = new DeviceEvent { Id = "e1", Type = DeviceEventType.PlayFinished, AtUs = 1_750_000_000_000_000, Session = "s1" };
            await device.PublishAsync(TopicTree.DeviceEvents("dev1"), MessageCodec.Encode(played));
            await Poll.UntilAsync(() => observer.Events.Count == 1, "the observer registered in DI gets the event");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_second_host_on_the_same_data_folder_refuses_to_start()
    {
        using var first = BuildHost();
        await first.StartAsync();
        try
        {
            using var second = BuildHost(("Broker:Port", FreePort.Next().ToString()));
            var ex = await Assert.ThrowsAsync<DataDirectoryInUseException>(() => second.StartAsync());
            Assert.Contains(_dir.Path, ex.Message);
        }
        finally
        {
            await first.StopAsync();
        }
    }

    [Fact]
    public void With_an_external_broker_no_embedded_broker_is_registered()
    {
        using var host = BuildHost(("Broker:Embedded", "false"), ("Broker:ControllerPassword", "secret-from-config"));
        Assert.Null(host.Services.GetService<EmbeddedBroker>());
        Assert.NotNull(host.Services.GetService<ControllerBus>());
        Assert.Equal("secret-from-config", host.Services.GetRequiredService<ControllerCredentials>().Password);
    }

    [Fact]
    public async Task Invalid_broker_options_fail_at_start_with_the_setting_named()
    {
        using var host = BuildHost(("Broker:Port", "0"));
        var ex = await Assert.ThrowsAnyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Broker:Port", ex.Message);
    }
}
