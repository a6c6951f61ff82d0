using InfoRadio.DeviceAgent.Sinks;
using InfoRadio.DeviceAgent.Tests.Support;
using NAudio.Wave;

namespace InfoRadio.DeviceAgent.Tests.Sinks;

public sealed class WavFileSinkTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "inforadio-wav-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static short[] ReadAll(string path, out WaveFormat format)
    {
        using var reader = new WaveFileReader(path);
        format = reader.WaveFormat;
        var bytes = new byte[reader.Length];
        Assert.Equal(bytes.Length, reader.Read(bytes, 0, bytes.Length));
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(bytes).ToArray();
    }

    [Fact]
    public void Writes_a_valid_16_bit_48_khz_mono_file_per_session_with_exactly_the_samples_written()
    {
        var sink = new WavFileSink(_directory);
        var pcm = OpusStream.Sine(48_000 * 3 / 2, 440);
        sink.Open("morning-news");
        for (var offset = 0; offset < pcm.Length; offset += 960) sink.Write(pcm.AsSpan(offset, Math.Min(960, pcm.Length - offset)));
        sink.Close();

        var samples = ReadAll(Path.Combine(_directory, "morning-news.wav"), out var format);
        Assert.Equal(48_000, format.SampleRate);
        Assert.Equal(16, format.BitsPerSample);
        Assert.Equal(1, format.Channels);
        Assert.Equal(WaveFormatEncoding.Pcm, format.Encoding);
        Assert.Equal(pcm, samples);
    }

    [Fact]
    public void A_session_played_again_goes_to_a_new_file()
    {
        var sink = new WavFileSink(_directory);
        sink.Open("news");
        sink.Write(new short[] { 1, 2, 3 });
        sink.Open("news"); // opening closes the previous take
        sink.Write(new short[] { 4 });
        sink.Dispose();

        Assert.Equal(new short[] { 1, 2, 3 }, ReadAll(Path.Combine(_directory, "news.wav"), out _));
        Assert.Equal(new short[] { 4 }, ReadAll(Path.Combine(_directory, "news.2.wav"), out _));
    }

    [Fact]
    public void An_unwritable_directory_is_reported_not_thrown()
    {
        var blocker = Path.Combine(_directory, "file");
        Directory.CreateDirectory(_directory);
        File.WriteAllText(blocker, "not a directory");
        var errors = new List<string>();
        var sink = new WavFileSink(Path.Combine(blocker, "sub"), errors.Add);

        sink.Open("news");
        sink.Write(new short[] { 1 });
        sink.Close();

        Assert.Single(errors);
    }

    [Fact]
    public void A_take_with_a_known_place_in_time_gets_a_timeline_sidecar_per_take()
    {
        var sink = new WavFileSink(_directory);
        var first = new SinkTimeline(Position: 96_000, DeviceUs: 1_767_225_605_000_123, ControllerUs: 1_767_225_602_500_456, OffsetUs: -2_499_667.25, DriftPpm: 12.3456);
        sink.Open("news", first);
        sink.Write(new short[] { 1, 2 });
        sink.Open("news", first with { Position = 480_000 });
        sink.Close();
        sink.Open("tone-only");
        sink.Close();

        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, "news.timeline.json")));
        var root = json.RootElement;
        Assert.Equal("news", root.GetProperty("session").GetString());
        Assert.Equal("news.wav", root.GetProperty("file").GetString());
        Assert.Equal(48_000, root.GetProperty("sampleRate").GetInt32());
        Assert.Equal(96_000UL, root.GetProperty("position").GetUInt64());
        Assert.Equal(1_767_225_605_000_123, root.GetProperty("deviceUs").GetInt64());
        Assert.Equal(1_767_225_602_500_456, root.GetProperty("controllerUs").GetInt64());
        Assert.Equal(-2_499_667.2, root.GetProperty("offsetUs").GetDouble(), 6); // to 0.1 µs
        Assert.Equal(12.3456, root.GetProperty("driftPpm").GetDouble(), 6);

        using var second = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, "news.2.timeline.json")));
        Assert.Equal("news.2.wav", second.RootElement.GetProperty("file").GetString());
        Assert.Equal(480_000UL, second.RootElement.GetProperty("position").GetUInt64());
        Assert.False(File.Exists(Path.Combine(_directory, "tone-only.timeline.json")), "a take without a timeline has no sidecar");
        Assert.Equal(Path.Combine(_directory, "tone-only.wav"), sink.CurrentPath);
    }
}
