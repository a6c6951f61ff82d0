using InfoRadio.DeviceAgent.Sinks;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;

namespace InfoRadio.DeviceAgent.Tests.Support;

/// <summary>A <see cref="SpeakerAgent"/> running against a <see cref="TestBroker"/> on real time.</summary>
internal sealed class RunningAgent : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new();

    private RunningAgent(SpeakerAgent agent, AgentOptions options)
    {
        Agent = agent;
        Options = options;
        Run = Task.Run(() => agent.RunAsync(_cts.Token));
    }

    public SpeakerAgent Agent { get; }
    public AgentOptions Options { get; }
    public Task Run { get; }
    public string Id => Options.DeviceId;

    public static AgentOptions DefaultOptions(int port, string id = "box-1", string secret = "s3cret") => new()
    {
        DeviceId = id,
        Secret = secret,
        ControllerPort = port,
        Zones = ["all", "village-3"],
        Sink = "null",
        // Each agent its own state folder: the event journal there must not carry one test's events into another.
        StateDirectory = Path.Combine(Path.GetTempPath(), "inforadio-agent-tests", Guid.NewGuid().ToString("N")),
        ReconnectMinDelayMs = 50,
        ReconnectMaxDelayMs = 400,
        KeepAliveSeconds = 5,
        // Reports must not depend on the machine the tests run on; board tests choose their own.
        Board = new DeviceAgent.Board.BoardOptions { Kind = DeviceAgent.Board.BoardOptions.KindNone },
    };

    public static RunningAgent Start(AgentOptions options, ILoggerFactory loggers, Func<Action<string>, IAudioSink>? sinkFactory = null,
        DeviceAgent.Amplifier.IRelayDriver? relays = null) =>
        new(new SpeakerAgent(options, loggers, TimeProvider.System, sinkFactory, new Random(1), relayDriver: relays), options);

    /// <summary>Answers clock requests as a controller whose clock is the system clock.</summary>
    public static void AnswerClock(TestBroker broker) => broker.PublishedHook += message =>
    {
        if (!TopicTree.TryParse(message.Topic, out var topic) || topic.Kind != TopicKind.ClockRequest) return;
        var request = MessageCodec.Parse<ClockSyncRequest>(message.Payload);
        if (!request.IsOk) return;
        var now = DeviceAgent.Clock.DeviceTime.NowUs(TimeProvider.System);
        var response = new ClockSyncResponse { Seq = request.Value.Seq, T0Us = request.Value.T0Us, T1Us = now, T2Us = now };
        _ = Task.Run(() => broker.PublishAsync(TopicTree.ClockResponse(topic.Id), MessageCodec.Encode(response), qos: MqttQualityOfServiceLevel.AtMostOnce));
    };

    public async Task StopAsync()
    {
        _cts.Cancel();
        await Run.WaitAsync(TimeSpan.FromSeconds(15));
    }

    public async ValueTask DisposeAsync()
    {
        if (!Run.IsCompleted)
        {
            _cts.Cancel();
            try
            {
                await Run.WaitAsync(TimeSpan.FromSeconds(15));
            }
            catch (OperationCanceledException)
            {
            }
        }
        await Agent.DisposeAsync();
        _cts.Dispose();
    }
}
