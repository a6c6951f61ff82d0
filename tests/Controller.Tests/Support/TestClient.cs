using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Tests.Support;

public sealed record ReceivedMessage(string Topic, byte[] Payload, bool Retain);

/// <summary>A real MQTTnet client over loopback TCP that records what it receives.</summary>
public sealed class TestClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedMessage> _received = new();

    private TestClient(IMqttClient client)
    {
        Client = client;
        client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            _received.Enqueue(new ReceivedMessage(m.Topic, m.Payload.ToArray(), m.Retain));
            return Task.CompletedTask;
        };
    }

    public IMqttClient Client { get; }

    public IReadOnlyList<ReceivedMessage> Received => _received.ToArray();

    public static async Task<(TestClient Client, MqttClientConnectResult Result)> TryConnectAsync(
        int port, string clientId, string? user, string? password,
        Action<MqttClientOptionsBuilder>? configure = null,
        MqttProtocolVersion version = MqttProtocolVersion.V500)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(version)
            .WithCleanStart()
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (user is not null) builder.WithCredentials(user, password);
        configure?.Invoke(builder);
        var client = new TestClient(new MqttClientFactory().CreateMqttClient());
        var result = await client.Client.ConnectAsync(builder.Build());
        return (client, result);
    }

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce)
    {
        var result = await Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, qos).Build());
        return result.Items.Single().ResultCode;
    }

    public Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload,
        MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce, bool retain = false) =>
        Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(qos).WithRetainFlag(retain).Build());

    public async Task<ReceivedMessage> WaitForAsync(Func<ReceivedMessage, bool> match, string what)
    {
        ReceivedMessage? found = null;
        await Poll.UntilAsync(() => (found = _received.FirstOrDefault(match)) is not null, what);
        return found!;
    }

    public Task<ReceivedMessage> WaitForTopicAsync(string topic) => WaitForAsync(m => m.Topic == topic, $"a message on {topic}");

    public bool HasReceived(string topic) => _received.Any(m => m.Topic == topic);

    /// <summary>Drops the TCP connection without DISCONNECT, as a lost 4G link would: the broker sends the Will.</summary>
    public void Kill() => Client.Dispose();

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Client.IsConnected) await Client.DisconnectAsync(new MqttClientDisconnectOptions());
        }
        catch (Exception)
        {
            // Already gone.
        }
        Client.Dispose();
    }
}
