using System.Collections.Concurrent;
using System.Net.Sockets;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace InfoRadio.Bench.Scenarios.Acl;

/// <summary>One MQTT connection of the ACL suite (attacker or observer) that records everything it receives.</summary>
public sealed class AclProbe : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Topic, byte[] Payload)> _received = new();

    private AclProbe(IMqttClient client)
    {
        Client = client;
        client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Enqueue((e.ApplicationMessage.Topic, System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload)));
            return Task.CompletedTask;
        };
    }

    public IMqttClient Client { get; }
    public int ReceivedCount => _received.Count;
    public IReadOnlyList<(string Topic, byte[] Payload)> Received => _received.ToArray();

    /// <summary>Connects; a refused CONNACK or a broken connection is an outcome, not an exception.</summary>
    public static async Task<(AclProbe Probe, MqttClientConnectResultCode? Code, string Detail)> ConnectAsync(
        string host, int port, string clientId, string? user, string? password, MqttProtocolVersion version = MqttProtocolVersion.V500,
        Action<MqttClientOptionsBuilder>? configure = null)
    {
        var builder = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId(clientId)
            .WithProtocolVersion(version).WithCleanStart().WithTimeout(TimeSpan.FromSeconds(10));
        if (user is not null) builder.WithCredentials(user, password);
        configure?.Invoke(builder);
        var probe = new AclProbe(new MqttClientFactory().CreateMqttClient());
        try
        {
            var result = await probe.Client.ConnectAsync(builder.Build());
            return (probe, result.ResultCode, result.ResultCode.ToString());
        }
        catch (Exception ex)
        {
            return (probe, null, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    public async Task<MqttClientSubscribeResultCode?> TrySubscribeAsync(string filter)
    {
        try
        {
            var result = await Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
            return result.Items.Single().ResultCode;
        }
        catch (Exception)
        {
            return null;
        }
    }

    /// <summary>Publishes; returns what the broker said (or that the connection broke).</summary>
    public async Task<string> TryPublishAsync(string topic, byte[] payload, bool retain = false,
        MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce)
    {
        try
        {
            var result = await Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithRetainFlag(retain).WithQualityOfServiceLevel(qos).Build());
            return result.ReasonCode.ToString();
        }
        catch (Exception ex)
        {
            return ex.GetType().Name;
        }
    }

    /// <summary>Sends raw bytes on a fresh TCP connection and reports whether a successful CONNACK came back.</summary>
    public static async Task<(bool Accepted, string Detail)> RawConnectAsync(string host, int port, byte[] bytes)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host, port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(bytes);
        var buffer = new byte[4];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            var n = await stream.ReadAtLeastAsync(buffer, 4, throwOnEndOfStream: false, timeout.Token);
            // CONNACK (0x20, length 2 or more) with return/reason code 0 is acceptance.
            var accepted = n == 4 && buffer[0] == 0x20 && buffer[3] == 0x00;
            return (accepted, n == 0 ? "connection closed" : $"answered {Convert.ToHexString(buffer, 0, n)}");
        }
        catch (OperationCanceledException)
        {
            return (false, "no answer");
        }
        catch (IOException ex)
        {
            return (false, ex.Message);
        }
    }

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
