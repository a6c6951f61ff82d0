using InfoRadio.DeviceAgent.Sinks;
using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Tests.Playback;

/// <summary>What a pushed configuration changes in the playout: the emergency volume and the output buffer.</summary>
public sealed class PlayoutEngineConfigTests
{
    private static readonly List<byte[]> OneSecond = OpusStream.Encode(OpusStream.Sine(48_000, 440, amplitude: 0.8));

    private static List<short> Play(PriorityClass priority, int? sessionVolume, int? emergencyVolume, int deviceVolume = 100)
    {
        using var rig = new EngineRig(volume: deviceVolume);
        rig.Engine.EmergencyVolume = emergencyVolume;
        rig.Engine.SetSession(EngineRig.Session("s", rig.ControllerNowUs, volume: sessionVolume, priority: priority));
        rig.Feed(OpusStream.Packetize(7, OneSecond));
        rig.Run(TimeSpan.FromSeconds(2.1));
        return rig.Sink.Takes[0].Samples;
    }

    private static short Scaled(short sample, int volume)
    {
        var scaled = sample * volume;
        return (short)((scaled + (scaled >= 0 ? 50 : -50)) / 100);
    }

    [Fact]
    public void The_configured_emergency_volume_replaces_the_session_forced_one_for_emergencies_only()
    {
        var full = Play(PriorityClass.Normal, null, null);
        Assert.Equal(full.Select(s => Scaled(s, 60)), Play(PriorityClass.Emergency, 100, emergencyVolume: 60));
        Assert.Equal(full.Select(s => Scaled(s, 60)), Play(PriorityClass.Emergency, null, emergencyVolume: 60, deviceVolume: 10));
        // Other classes keep their forced or device volume.
        Assert.Equal(full.Select(s => Scaled(s, 40)), Play(PriorityClass.Priority, 40, emergencyVolume: 60));
        Assert.Equal(full.Select(s => Scaled(s, 20)), Play(PriorityClass.Normal, null, emergencyVolume: 60, deviceVolume: 20));
    }

    [Theory]
    [InlineData(null, 1000, null)]
    [InlineData(100, 1000, 100)]
    [InlineData(500, 1000, 500)]
    [InlineData(500, 200, 100)] // never more than half the session's latency
    [InlineData(100, 20, 20)] // nor less than 20 ms
    public void The_latency_profile_sets_the_sink_buffer_when_a_session_opens(int? bufferMs, int latencyMs, int? expectedMs)
    {
        var sink = new BufferRecordingSink(TimeProvider.System);
        using var rig = new EngineRig(sink: sink);
        rig.Engine.OutputBuffer = bufferMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
        rig.Engine.SetSession(EngineRig.Session("s", rig.ControllerNowUs, latencyMs: latencyMs));
        rig.Feed(OpusStream.Packetize(7, OneSecond));
        rig.Run(TimeSpan.FromSeconds(1.5));
        Assert.Equal(expectedMs is { } e ? TimeSpan.FromMilliseconds(e) : null, Assert.Single(sink.Buffers));
    }

    [Fact]
    public void Profiles_map_to_the_documented_buffers()
    {
        Assert.Null(SpeakerAgent.OutputBufferOf(LatencyProfile.Standard));
        Assert.Equal(TimeSpan.FromMilliseconds(100), SpeakerAgent.OutputBufferOf(LatencyProfile.Low));
        Assert.Equal(TimeSpan.FromMilliseconds(500), SpeakerAgent.OutputBufferOf(LatencyProfile.Robust));
    }

    [Fact]
    public void The_alsa_sink_asks_aplay_for_the_new_buffer_and_reports_it_as_its_latency()
    {
        using var sink = new AlsaSink("default", TimeSpan.FromMilliseconds(200), _ => { },
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        sink.SetOutputBuffer(TimeSpan.FromMilliseconds(500));
        Assert.Equal(TimeSpan.FromMilliseconds(500), sink.OutputLatency);
        sink.SetOutputBuffer(null);
        Assert.Equal(TimeSpan.FromMilliseconds(200), sink.OutputLatency);
    }

    private sealed class BufferRecordingSink(TimeProvider time) : IAudioSink
    {
        private readonly MemorySink _inner = new(time);
        public List<TimeSpan?> Buffers { get; } = [];
        public string Name => "buffers";
        public TimeSpan OutputLatency => TimeSpan.Zero;
        public bool IsRealTime => true;
        public void SetOutputBuffer(TimeSpan? buffer) => Buffers.Add(buffer);
        public void Open(string session) => _inner.Open(session);
        public void Write(ReadOnlySpan<short> samples) => _inner.Write(samples);
        public void Close() => _inner.Close();
        public void Dispose() => _inner.Dispose();
    }
}
