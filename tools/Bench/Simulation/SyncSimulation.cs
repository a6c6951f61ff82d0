using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Bench.Simulation;

/// <summary>
/// The world of the sync scenario: a controller at true time, N agents with their own clocks and links, one
/// session streamed in real time after the warm-up, probes every 100 ms of the stream. Deterministic per seed.
/// </summary>
internal sealed class SyncSimulation
{
    public const int LatencyMs = 1_000;
    private const int FrameSamples = 960;
    private const int FramesPerPacket = 5;

    public SyncSimulation(SyncSimulationOptions options)
    {
        Options = options;
        var random = new Random(options.Seed);
        var origin = new DateTimeOffset(2026, 1, 1, 6, 0, 0, TimeSpan.Zero);
        Controller = new SimulatedController(Time, (origin.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10, processingUs: 100);
        StreamSamples = (ulong)(options.Minutes * 60 * 48_000) / FrameSamples * FrameSamples;
        // One probe every 100 ms of the stream, in the middle of each packet.
        Probes = Enumerable.Range(0, (int)(StreamSamples / 4_800)).Select(i => (ulong)i * 4_800 + 2_400).ToArray();
        StartTrueUs = options.WarmupSeconds * 1e6;
        var streamUs = StreamSamples / 48.0 * 1e3;

        for (var i = 0; i < options.Agents; i++)
        {
            var drift = (random.NextDouble() * 2 - 1) * options.DriftMaxPpm;
            var offset = (random.NextDouble() * 2 - 1) * options.OffsetMaxSeconds * 1e6;
            var clock = new DriftingTimeProvider(Time, origin, drift, offset);
            // The same base delay both ways: a path slower one way than the other biases any NTP-style estimate.
            var baseUs = (options.BaseMinMs + random.NextDouble() * (options.BaseMaxMs - options.BaseMinMs)) * 1_000;
            var jitterUs = (1 + random.NextDouble() * Math.Max(0, options.JitterMaxMs - 1)) * 1_000;
            var linkRandom = new Random(random.Next());
            var up = new SimulatedLink(linkRandom, baseUs, jitterUs, options.SpikeProbability, options.SpikeMaxMs * 1_000);
            var down = new SimulatedLink(linkRandom, baseUs, jitterUs, options.SpikeProbability, options.SpikeMaxMs * 1_000);
            var agent = new SimulatedAgent(i, Time, clock, up, down, Controller, options.Sync, TimeSpan.FromMilliseconds(options.SoundCardLatencyMs),
                Probes, new Random(random.Next()), options.TickJitterMs * 1_000);
            Agents.Add(agent);
            // Agents come on line within the first few seconds (at most the warm-up).
            Time.At(random.NextDouble() * Math.Min(5e6, StartTrueUs), agent.Connect);
            agent.TickBetween(Math.Max(0, StartTrueUs - 2e6), StartTrueUs + (LatencyMs + 2_000) * 1e3 + streamUs);
        }

        var session = new SessionInfo
        {
            Session = "sync-bench", Stream = 1, Priority = PriorityClass.Normal, Origin = OriginLevel.Province,
            EpochUs = Controller.ClockUs(StartTrueUs), LatencyMs = LatencyMs, FrameSamples = FrameSamples,
        };
        Time.At(Math.Max(0, StartTrueUs - 1e6), () => { foreach (var agent in Agents) agent.Choose(session); });
        // The controller paces the stream in real time: the packet starting at p leaves at epoch + p / 48 kHz.
        for (ulong position = 0, sequence = 0; position < StreamSamples; position += FrameSamples * FramesPerPacket, sequence++)
        {
            var packet = Packet(position, (uint)sequence);
            Time.At(StartTrueUs + position / 48.0 * 1e3, () => { foreach (var agent in Agents) agent.Deliver(packet); });
        }
        EndTrueUs = StartTrueUs + (LatencyMs + 3_000) * 1e3 + streamUs;
    }

    public SyncSimulationOptions Options { get; }
    public VirtualTime Time { get; } = new();
    public SimulatedController Controller { get; }
    public List<SimulatedAgent> Agents { get; } = [];
    public ulong StreamSamples { get; }
    public ulong[] Probes { get; }
    public double StartTrueUs { get; }
    public double EndTrueUs { get; }

    /// <summary>True instant at which probe <paramref name="j"/> should sound: the session's timeline.</summary>
    public double IdealTrueUs(int j) => StartTrueUs + LatencyMs * 1e3 + Probes[j] / 48.0 * 1e3;

    public void Run() => Time.RunUntil(EndTrueUs);

    private AudioPacket Packet(ulong position, uint sequence)
    {
        var frames = (int)Math.Min(FramesPerPacket, (StreamSamples - position) / FrameSamples);
        var last = position + (ulong)(frames * FrameSamples) >= StreamSamples;
        return new AudioPacket
        {
            Stream = 1, Sequence = sequence, Position = position, FrameSamples = FrameSamples,
            Flags = (position == 0 ? AudioPacketFlags.Start : AudioPacketFlags.None) | (last ? AudioPacketFlags.End : AudioPacketFlags.None),
            Frames = Enumerable.Range(0, frames).Select(k => (ReadOnlyMemory<byte>)PositionDecoder.Frame(position + (ulong)(k * FrameSamples))).ToArray(),
        };
    }
}
