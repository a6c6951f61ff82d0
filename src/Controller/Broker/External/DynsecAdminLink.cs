using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Broker.External;

/// <summary>A dynsec command's answer: <see cref="Error"/> is null on success; <see cref="Data"/> carries list results.</summary>
public sealed record DynsecResponse(string Command, string? Error, JsonNode? Data);

/// <summary>
/// The controller's admin connection to mosquitto's dynamic-security plugin: JSON commands on
/// <c>$CONTROL/dynamic-security/v1</c>, answers on <c>$CONTROL/dynamic-security/v1/response</c>, matched by
/// <c>correlationData</c>. Several commands go in one message (the plugin takes a <c>commands</c> array).
/// </summary>
public sealed class DynsecAdminLink : IAsyncDisposable
{
    public const string ControlTopic = "$CONTROL/dynamic-security/v1";
    public const string ResponseTopic = ControlTopic + "/response";
    private const int BatchSize = 100;

    private readonly IMqttClient _client;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DynsecResponse>> _pending = new(StringComparer.Ordinal);
    private long _next;

    private DynsecAdminLink(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == ResponseTopic) Complete(e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
    }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Connects as the dynsec admin and subscribes to the answers.</summary>
    /// <exception cref="InvalidOperationException">mosquitto refused the admin (wrong password, no dynsec plugin).</exception>
    public static async Task<DynsecAdminLink> ConnectAsync(string host, int port, string username, string password,
        MqttClientTlsOptions? tls, CancellationToken ct)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(username + "-" + Guid.NewGuid().ToString("N")[..8])
            .WithCredentials(username, password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart()
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (tls is not null) builder.WithTlsOptions(tls);
        var link = new DynsecAdminLink(client);
        try
        {
            var result = await client.ConnectAsync(builder.Build(), ct).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
                throw new InvalidOperationException($"mosquitto at {host}:{port} refused the dynsec admin '{username}': {result.ResultCode} {result.ReasonString}".Trim());
            var sub = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(ResponseTopic, MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct).ConfigureAwait(false);
            if (sub.Items.First().ResultCode is not (MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2))
                throw new InvalidOperationException($"'{username}' may not read {ResponseTopic}: is it the dynsec admin, and is the dynamic-security plugin loaded?");
            return link;
        }
        catch
        {
            await link.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends the commands in order (batched) and returns every answer, in the same order.</summary>
    public async Task<IReadOnlyList<DynsecResponse>> SendAsync(IReadOnlyList<JsonObject> commands, TimeSpan timeout, CancellationToken ct)
    {
        var answers = new List<DynsecResponse>(commands.Count);
        for (var start = 0; start < commands.Count; start += BatchSize)
        {
            var batch = new JsonArray();
            var waits = new List<Task<DynsecResponse>>();
            foreach (var command in commands.Skip(start).Take(BatchSize))
            {
                var id = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
                var copy = (JsonObject)command.DeepClone();
                copy["correlationData"] = id;
                var wait = new TaskCompletionSource<DynsecResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pending[id] = wait;
                waits.Add(wait.Task);
                batch.Add(copy);
            }
            var payload = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["commands"] = batch });
            var result = await _client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(ControlTopic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct).ConfigureAwait(false);
            if (!result.IsSuccess) throw new InvalidOperationException($"mosquitto refused a dynsec command batch: {result.ReasonCode} {result.ReasonString}".Trim());
            try
            {
                answers.AddRange(await Task.WhenAll(waits).WaitAsync(timeout, ct).ConfigureAwait(false));
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"mosquitto did not answer dynsec commands within {timeout.TotalSeconds:0} s: is the dynamic-security plugin loaded?");
            }
        }
        return answers;
    }

    private void Complete(byte[] payload)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(payload);
        }
        catch (JsonException)
        {
            return;
        }
        if (root?["responses"] is not JsonArray responses) return;
        foreach (var item in responses)
        {
            if (item?["correlationData"]?.GetValue<string>() is not { } id || !_pending.TryRemove(id, out var wait)) continue;
            wait.TrySetResult(new DynsecResponse(item["command"]?.GetValue<string>() ?? "?", item["error"]?.GetValue<string>(), item["data"]));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync().ConfigureAwait(false);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // Gone already.
            }
        }
        _client.Dispose();
        foreach (var wait in _pending.Values) wait.TrySetCanceled();
    }
}
