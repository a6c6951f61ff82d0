using System.Text;
using InfoRadio.DeviceAgent.Link;
using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Topics;
using InfoRadio.Testing;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace InfoRadio.DeviceAgent.Tests.Link.Journal;

/// <summary>
/// The agent's link with its event journal against a real MQTTnet broker, through a <see cref="TcpChaosProxy"/>:
/// events wait on disk through outages and restarts, and leave only with the broker's PUBACK.
/// </summary>
public sealed class Durable_Event_Delivery_Tests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ILoggerFactory _loggers = XunitLoggerProvider.Factory(output);
    private TestBroker _broker = null!;
    private TcpChaosProxy _proxy = null!;
    private AgentOptions _options = null!;
    private static readonly string Topic = TopicTree.DeviceEvents("box-1");

    public async Task InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        _broker.Allow("box-1", "s3cret");
        _proxy = TcpChaosProxy.Start("127.0.0.1", _broker.Port);
        _options = RunningAgent.DefaultOptions(_proxy.Port);
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _broker.DisposeAsync();
        _loggers.Dispose();
        if (Directory.Exists(_options.StateDirectory)) Directory.Delete(_options.StateDirectory, recursive: true);
    }

    private sealed class RunningLink : IAsyncDisposable
    {
        private readonly CancellationTokenSource _cts = new();

        public RunningLink(AgentOptions options, ILoggerFactory loggers)
        {
            Link = new AgentLink(options, TimeProvider.System, loggers.CreateLogger<AgentLink>(), new Random(1));
            Run = Task.Run(() => Link.RunAsync(_cts.Token));
        }

        public AgentLink Link { get; }
        public Task Run { get; }

        /// <summary>Stops like a killed process: no clean shutdown, no last sends.</summary>
        public async ValueTask DisposeAsync()
        {
            await _cts.CancelAsync();
            await Run.WaitAsync(TimeSpan.FromSeconds(10));
            await Link.DisposeAsync();
            _cts.Dispose();
        }
    }

    private static byte[] Event(int i) => Encoding.UTF8.GetBytes($"{{\"id\":\"e{i}\"}}");

    private List<string> Received() =>
        _broker.PublishedTo(Topic).Select(m => Encoding.UTF8.GetString(m.Payload)).ToList();

    [Fact]
    public async Task Events_queued_while_the_broker_is_unreachable_survive_an_agent_restart_and_arrive_once_in_order()
    {
        _proxy.Refusing = true;
        await using (var first = new RunningLink(_options, _loggers))
        {
            for (var i = 1; i <= 5; i++) first.Link.EnqueueEvent(Topic, Event(i));
            await Eventually.TrueAsync(() => _proxy.Refused >= 2, "the agent tried and was refused");
            Assert.Equal(5, first.Link.QueuedEvents);
        }
        Assert.Empty(Received());

        _proxy.Refusing = false;
        await using var second = new RunningLink(_options, _loggers);
        await Eventually.TrueAsync(() => Received().Count >= 5 && second.Link.QueuedEvents == 0, "the replayed events arrived");
        Assert.Equal([.. Enumerable.Range(1, 5).Select(i => $"{{\"id\":\"e{i}\"}}")], Received());
    }

    [Fact]
    public async Task An_event_whose_puback_was_lost_to_a_cut_is_sent_again_with_the_same_bytes_and_then_removed()
    {
        var cutOnce = 0;
        _broker.PublishedHook += message =>
        {
            // Inside the broker's publish handling, before it sends the PUBACK: the agent never gets it.
            if (message.Topic == Topic && Interlocked.Exchange(ref cutOnce, 1) == 0) _proxy.CutAll();
        };
        await using var running = new RunningLink(_options, _loggers);
        await Eventually.TrueAsync(() => running.Link.IsConnected, "the agent connected");
        running.Link.EnqueueEvent(Topic, Event(1));
        running.Link.EnqueueEvent(Topic, Event(2));

        await Eventually.TrueAsync(() => running.Link.QueuedEvents == 0 && Received().Count >= 3, "both events were acknowledged");
        Assert.True(running.Link.Connects >= 2, "the cut forced a reconnect");
        // e1 reached the broker, lost its PUBACK, and went again (the controller ignores it by id); e2 only once.
        Assert.Equal(["{\"id\":\"e1\"}", "{\"id\":\"e1\"}", "{\"id\":\"e2\"}"], Received());
    }

    [Fact]
    public async Task Events_sent_into_a_stalled_link_are_delivered_after_it_is_cut_and_comes_back()
    {
        await using var running = new RunningLink(_options, _loggers);
        await Eventually.TrueAsync(() => running.Link.IsConnected, "the agent connected");
        _proxy.Stalled = true;
        for (var i = 1; i <= 3; i++) running.Link.EnqueueEvent(Topic, Event(i));
        Assert.Equal(3, running.Link.QueuedEvents);
        _proxy.CutAll();
        _proxy.Stalled = false;

        await Eventually.TrueAsync(() => running.Link.QueuedEvents == 0, "the queue drained after the reconnect");
        Assert.Equal([.. Enumerable.Range(1, 3).Select(i => $"{{\"id\":\"e{i}\"}}")], Received().Distinct());
        Assert.Equal(3, Received().Count);
    }

    [Fact]
    public async Task A_connection_dropped_after_a_few_bytes_again_and_again_still_delivers_every_event()
    {
        await using var running = new RunningLink(_options, _loggers);
        await Eventually.TrueAsync(() => running.Link.IsConnected, "the agent connected");
        // Each connection dies after ~1.5 KB: CONNECT, subscriptions and a few events at most.
        _proxy.DropAfterBytes = 1_500;
        for (var i = 1; i <= 40; i++) running.Link.EnqueueEvent(Topic, Event(i));
        await Eventually.TrueAsync(() => _proxy.Cuts >= 2, "the proxy cut connections");
        _proxy.DropAfterBytes = null;

        await Eventually.TrueAsync(() => running.Link.QueuedEvents == 0, "the queue drained", TimeSpan.FromSeconds(20));
        Assert.Equal([.. Enumerable.Range(1, 40).Select(i => $"{{\"id\":\"e{i}\"}}")], Received().Distinct());
    }
}
