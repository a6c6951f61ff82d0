using InfoRadio.DeviceAgent.Clock;
using InfoRadio.DeviceAgent.Playback;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfoRadio.Bench.Simulation;

/// <summary>
/// One speaker agent in the simulation, built from the agent's own parts: <see cref="ControllerClock"/> (with the
/// clock estimator), <see cref="ClockSyncClient"/> and its schedule, and <see cref="PlayoutEngine"/> with its drift
/// correction. Only the MQTT link (two <see cref="SimulatedLink"/>s), the decoder and the sound card are simulated.
/// </summary>
internal sealed class SimulatedAgent
{
    private readonly VirtualTime _time;
    private readonly SimulatedController _controller;
    private readonly ulong[] _probes;
    private readonly double[] _probeSinkIndex;
    private int _nextProbe;
    private double _nextTickDeviceUs;
    private readonly Random _random;
    private readonly double _tickJitterUs;

    public SimulatedAgent(int index, VirtualTime time, DriftingTimeProvider clock, SimulatedLink up, SimulatedLink down,
        SimulatedController controller, ClockSyncSettings sync, TimeSpan outputLatency, ulong[] probes, Random random, double tickJitterUs)
    {
        Index = index;
        _time = time;
        Device = clock;
        Up = up;
        Down = down;
        _controller = controller;
        _probes = probes;
        _probeSinkIndex = new double[probes.Length];
        Array.Fill(_probeSinkIndex, double.NaN);
        _random = random;
        _tickJitterUs = tickJitterUs;
        Clock = new ControllerClock(clock);
        Sink = new SimulatedSink(clock, time, outputLatency);
        Engine = new PlayoutEngine(new PlayoutSettings(), Sink, Clock, clock, NullLoggerFactory.Instance, OnPlayoutEvent, () => new PositionDecoder())
        {
            BlockWritten = OnBlock,
        };
        Sync = new ClockSyncClient(Clock, clock, SendAsync, NullLogger.Instance, sync, () => Engine.IsPlaying);
    }

    public int Index { get; }
    public DriftingTimeProvider Device { get; }
    public SimulatedLink Up { get; }
    public SimulatedLink Down { get; }
    public ControllerClock Clock { get; }
    public ClockSyncClient Sync { get; }
    public PlayoutEngine Engine { get; }
    public SimulatedSink Sink { get; }
    public long Requests { get; private set; }

    /// <summary>Connects: a burst of clock requests, then the schedule of <see cref="ClockSyncClient"/>.</summary>
    public void Connect()
    {
        Sync.RequestBurst();
        ScheduleNextRequest();
    }

    /// <summary>As the agent does: the start of playback asks the clock sync for a burst.</summary>
    private void OnPlayoutEvent(PlayoutEvent e)
    {
        if (e.Type != DeviceEventType.PlayStarted) return;
        Sync.OnPlaybackStarted();
        // The agent's sync loop wakes up for a burst; here the pending request is superseded.
        ScheduleNextRequest();
    }

    /// <summary>Ticks the playout every 10 ms of device time (plus scheduling jitter) from <paramref name="fromTrueUs"/> to <paramref name="untilTrueUs"/>.</summary>
    public void TickBetween(double fromTrueUs, double untilTrueUs)
    {
        _nextTickDeviceUs = Device.DeviceUsAt(fromTrueUs);
        void Tick()
        {
            Engine.Tick();
            _nextTickDeviceUs += 10_000;
            var next = Device.TrueUsAt(_nextTickDeviceUs) + _random.NextDouble() * _tickJitterUs;
            if (next < untilTrueUs) _time.At(next, Tick);
        }
        _time.At(fromTrueUs, Tick);
    }

    /// <summary>The desired state reached the agent.</summary>
    public void Choose(SessionInfo session) => _time.At(Down.Arrival(_time.NowUs), () => Engine.SetSession(session));

    public void Deliver(AudioPacket packet) => _time.At(Down.Arrival(_time.NowUs), () => Engine.OnPacket(packet));

    public void Answer(ClockSyncResponse response, double departsUs) => _time.At(Down.Arrival(departsUs), () => Sync.OnResponse(response));

    /// <summary>True time (µs) at which each probe position sounded here (NaN: never played).</summary>
    public double[] ProbeTrueUs() => _probeSinkIndex.Select(Sink.TrueUsOf).ToArray();

    private int _requestGeneration;

    private void ScheduleNextRequest()
    {
        var generation = ++_requestGeneration;
        var delay = Sync.NextDelay();
        var at = Device.TrueUsAt(Device.DeviceUsAt(_time.NowUs) + delay.TotalMicroseconds);
        _time.At(at, () =>
        {
            if (generation != _requestGeneration) return;
            _ = Sync.SendOneAsync(CancellationToken.None);
            ScheduleNextRequest();
        });
    }

    private Task<bool> SendAsync(ClockSyncRequest request, CancellationToken cancellationToken)
    {
        Requests++;
        var arrives = Up.Arrival(_time.NowUs);
        _time.At(arrives, () => _controller.AnswerClock(this, request));
        return Task.FromResult(true);
    }

    private void OnBlock(PlayoutBlock block)
    {
        Sink.Expect(block);
        if (block.StreamSamples == 0) return;
        var end = block.StreamPosition + (ulong)block.StreamSamples;
        while (_nextProbe < _probes.Length && _probes[_nextProbe] < end)
        {
            var probe = _probes[_nextProbe++];
            if (probe < block.StreamPosition) continue; // skipped over: never sounded here
            var along = block.StreamSamples == 1 || block.SinkSamples == 1
                ? 0
                : (probe - block.StreamPosition) * (double)(block.SinkSamples - 1) / (block.StreamSamples - 1);
            _probeSinkIndex[_nextProbe - 1] = block.SinkIndex + along;
        }
    }
}
