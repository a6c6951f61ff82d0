using System.Collections.Concurrent;
using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace InfoRadio.DeviceAgent.Tests.Support;

/// <summary>A real MQTTnet broker on a free loopback port that checks device credentials and records traffic.</summary>
internal sealed class TestBroker : IAsyncDisposable
{
    public sealed record Message(string ClientId, string Topic, byte[] Payload, bool Retain, MqttQualityOfServiceLevel QoS);

    private readonly ConcurrentDictionary<string, string> _secrets = new(StringComparer.Ordinal);
    private readonly MqttServer _server;

    private TestBroker(int port)
    {
        Port = port;
        var factory = new MqttServerFactory();
        _server = factory.CreateMqttServer(factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port).Build());
        _server.ValidatingConnectionAsync += e =>
        {
            if (!_secrets.TryGetValue(e.ClientId, out var secret) || e.UserName != e.ClientId || e.Password != secret)
                e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            return Task.CompletedTask;
        };
        _server.InterceptingPublishAsync += e =>
        {
            var m = e.ApplicationMessage;
            var message = new Message(e.ClientId, m.Topic, m.Payload.ToArray(), m.Retain, m.QualityOfServiceLevel);
            Published.Enqueue(message);
            PublishedHook?.Invoke(message);
            if (Refuse?.Invoke(message) == true)
            {
                e.ProcessPublish = false;
                e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            }
            return Task.CompletedTask;
        };
        _server.RetainedMessageChangedAsync += e =>
        {
            var m = e.ChangedRetainedMessage;
            RetainedChanges.Enqueue(new Message(e.ClientId, m.Topic, m.Payload.ToArray(), true, m.QualityOfServiceLevel));
            return Task.CompletedTask;
        };
        _server.InterceptingInboundPacketAsync += e =>
        {
            if (e.Packet is MQTTnet.Packets.MqttSubscribePacket subscribe) FiltersPerSubscribe.Enqueue(subscribe.TopicFilters.Count);
            return Task.CompletedTask;
        };
        _server.InterceptingUnsubscriptionAsync += e =>
        {
            Unsubscriptions.Enqueue((e.ClientId, e.Topic));
            return Task.CompletedTask;
        };
        _server.InterceptingSubscriptionAsync += e =>
        {
            Subscriptions.Enqueue((e.ClientId, e.TopicFilter.Topic));
            return Task.CompletedTask;
        };
    }

    public int Port { get; }
    public ConcurrentQueue<Message> Published { get; } = new();
    public ConcurrentQueue<(string ClientId, string Filter)> Subscriptions { get; } = new();

    public ConcurrentQueue<(string ClientId, string Filter)> Unsubscriptions { get; } = new();

    /// <summary>Every change of a retained message, in order, including those made by a Last Will.</summary>
    public ConcurrentQueue<Message> RetainedChanges { get; } = new();

    /// <summary>Number of topic filters in each SUBSCRIBE packet received.</summary>
    public ConcurrentQueue<int> FiltersPerSubscribe { get; } = new();

    /// <summary>Publishes for which this says true are refused (PUBACK "not authorized") and go nowhere.</summary>
    public Func<Message, bool>? Refuse { get; set; }

    /// <summary>Runs for every publish reaching the broker (the test's "controller" reacting to a device).</summary>
    public Action<Message>? PublishedHook { get; set; }

    public static async Task<TestBroker> StartAsync()
    {
        var broker = new TestBroker(FreePort.Next());
        await broker._server.StartAsync();
        return broker;
    }


    public void Allow(string deviceId, string secret) => _secrets[deviceId] = secret;

    public Task StopAsync() => _server.StopAsync(new MqttServerStopOptions());
    public Task RestartAsync() => _server.StartAsync();

    /// <summary>Publishes as the controller would (through the broker, to subscribers, retained if asked).</summary>
    public Task PublishAsync(string topic, byte[] payload, bool retain = false, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce) =>
        _server.InjectApplicationMessage(new InjectedMqttApplicationMessage(new MqttApplicationMessageBuilder()
            .WithTopic(topic).WithPayload(payload).WithRetainFlag(retain).WithQualityOfServiceLevel(qos).Build())
        { SenderClientId = "controller" });

    public async Task<byte[]?> RetainedAsync(string topic)
    {
        var message = await _server.GetRetainedMessageAsync(topic);
        return message?.Payload.ToArray();
    }

    public IReadOnlyList<Message> PublishedTo(string topic) => Published.Where(m => m.Topic == topic).ToList();

    public int SubscriptionCount(string clientId, string filter) => Subscriptions.Count(s => s.ClientId == clientId && s.Filter == filter);

    public async ValueTask DisposeAsync()
    {
        if (_server.IsStarted) await StopAsync();
        _server.Dispose();
    }
}
