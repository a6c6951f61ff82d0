using InfoRadio.DeviceAgent.Sinks;
using InfoRadio.DeviceAgent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.DeviceAgent.Tests.Sinks;

public sealed class TimingLogSinkTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly long StartUs = (Start.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "inforadio-timing-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(Start);

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Logs_each_block_with_its_output_index_length_and_wall_clock_and_passes_the_audio_through()
    {
        var inner = new MemorySink(_time);
        using var sink = new TimingLogSink(inner, _directory, _time);
        sink.Open("live-1");
        sink.Write(new short[960]);
        _time.Advance(TimeSpan.FromMilliseconds(20.5));
        sink.Write(new short[960]);
        _time.Advance(TimeSpan.FromMilliseconds(19));
        sink.Write(new short[100]);
        sink.Close();

        Assert.Equal(960 + 960 + 100, inner.Takes.Single().Samples.Count);
        var lines = File.ReadAllLines(Path.Combine(_directory, "live-1.timing.csv"));
        Assert.StartsWith("# session=live-1 sink=memory", lines[0]);
        Assert.Equal(TimingLogSink.Header, lines[1]);
        Assert.Equal([$"0,960,{StartUs}", $"960,960,{StartUs + 20_500}", $"1920,100,{StartUs + 39_500}"], lines[2..]);
    }

    [Fact]
    public void A_session_played_again_gets_its_own_log_and_indexes_restart()
    {
        using var sink = new TimingLogSink(new MemorySink(_time), _directory, _time);
        sink.Open("s");
        sink.Write(new short[480]);
        sink.Open("other");
        sink.Write(new short[480]);
        sink.Open("s");
        sink.Write(new short[240]);
        sink.Close();

        Assert.Equal($"0,480,{StartUs}", File.ReadAllLines(Path.Combine(_directory, "s.timing.csv"))[^1]);
        Assert.Equal($"0,480,{StartUs}", File.ReadAllLines(Path.Combine(_directory, "other.timing.csv"))[^1]);
        Assert.Equal($"0,240,{StartUs}", File.ReadAllLines(Path.Combine(_directory, "s.2.timing.csv"))[^1]);
    }

    [Fact]
    public void An_unwritable_folder_is_reported_and_the_audio_still_plays()
    {
        var blocker = Path.Combine(_directory, "file");
        Directory.CreateDirectory(_directory);
        File.WriteAllText(blocker, "not a folder");
        var errors = new List<string>();
        var inner = new MemorySink(_time);
        using var sink = new TimingLogSink(inner, blocker, _time, errors.Add);

        sink.Open("s");
        sink.Write(new short[960]);
        sink.Close();

        Assert.Contains(errors, e => e.Contains("timing log", StringComparison.Ordinal));
        Assert.Equal(960, inner.Takes.Single().Samples.Count);
    }

    [Fact]
    public void The_factory_adds_the_log_only_when_asked()
    {
        var options = new AgentOptions { DeviceId = "d", Secret = "s", Sink = "null", SinkTimingDirectory = _directory };
        using var plain = AudioSinkFactory.Create(options, _ => { }, NullLoggerFactory.Instance, _time);
        Assert.IsType<NullSink>(plain);

        options.SinkTimingLog = true;
        using var logged = AudioSinkFactory.Create(options, _ => { }, NullLoggerFactory.Instance, _time);
        Assert.IsType<TimingLogSink>(logged);
        Assert.Equal("null", logged.Name);
    }

    [Fact]
    public void An_empty_timing_folder_is_refused_when_the_log_is_on()
    {
        var options = new AgentOptions { DeviceId = "d", Secret = "s", SinkTimingLog = true, SinkTimingDirectory = " " };
        Assert.Contains(AgentOptionsValidator.Check(options), e => e.Contains("Agent:SinkTimingDirectory", StringComparison.Ordinal));
    }
}
