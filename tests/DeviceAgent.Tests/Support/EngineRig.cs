using InfoRadio.DeviceAgent.Clock;
using InfoRadio.DeviceAgent.Playback;
using InfoRadio.DeviceAgent.Sinks;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.DeviceAgent.Tests.Support;

/// <summary>A playout engine on a fake clock with an in-memory sink; the controller's clock runs 2.5 s ahead.</summary>
internal sealed class EngineRig : IDisposable
{
    public const long OffsetUs = 2_500_000;
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    public EngineRig(int maxConcealedFrames = 10, TimeSpan? sinkLatency = null, int volume = 100, bool synchronize = true, bool realTimeSink = true,
        Func<IFrameDecoder>? decoder = null, IAudioSink? sink = null, PlayoutSettings? settings = null)
    {
        Time = TestTime.NewFake();
        Clock = new ControllerClock(Time);
        Sink = new MemorySink(Time, sinkLatency, realTimeSink);
        if (synchronize) TestTime.Synchronize(Clock, OffsetUs);
        settings ??= new PlayoutSettings();
        Engine = new PlayoutEngine(settings with { MaxConcealedFrames = maxConcealedFrames, InitialVolume = volume },
            sink ?? Sink, Clock, Time, NullLoggerFactory.Instance, e => { lock (Events) Events.Add(e); }, decoder);
    }

    public FakeTimeProvider Time { get; }
    public ControllerClock Clock { get; }
    public MemorySink Sink { get; }
    public PlayoutEngine Engine { get; }
    public List<PlayoutEvent> Events { get; } = [];

    public long ControllerNowUs => DeviceTime.NowUs(Time) + OffsetUs;

    public static SessionInfo Session(string id, long epochUs, int latencyMs = 1000, uint stream = 7, int? volume = null,
        PriorityClass priority = PriorityClass.Normal) => new()
    {
        Session = id, Stream = stream, Priority = priority, Origin = OriginLevel.Commune, EpochUs = epochUs,
        LatencyMs = latencyMs, Volume = volume,
    };

    /// <summary>Device instant at which controller time reaches <paramref name="controllerUs"/>.</summary>
    public static DateTimeOffset DeviceInstant(long controllerUs) =>
        DateTimeOffset.UnixEpoch.AddTicks((controllerUs - OffsetUs) * 10);

    public void Feed(IEnumerable<AudioPacket> packets)
    {
        foreach (var packet in packets) Engine.OnPacket(packet);
    }

    /// <summary>Advances the fake clock tick by tick, ticking the engine after each step.</summary>
    public void Run(TimeSpan duration)
    {
        for (var t = TimeSpan.Zero; t < duration; t += Tick)
        {
            Time.Advance(Tick);
            Engine.Tick();
        }
    }

    public IReadOnlyList<PlayoutEvent> EventsOf(DeviceEventType type)
    {
        lock (Events) return Events.Where(e => e.Type == type).ToList();
    }

    public void Dispose() => Engine.Dispose();
}
