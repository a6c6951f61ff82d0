using InfoRadio.DeviceAgent.Sinks;
using InfoRadio.DeviceAgent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfoRadio.DeviceAgent.Tests.Sinks;

[Collection(RealTimeCollection.Name)]
public sealed class AlsaSinkTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "inforadio-alsa-" + Guid.NewGuid().ToString("N") + ".raw");
    private readonly List<string> _errors = [];

    public void Dispose() => File.Delete(_file);

    private void OnError(string message)
    {
        lock (_errors) _errors.Add(message);
    }

    private int ErrorCount
    {
        get { lock (_errors) return _errors.Count; }
    }

    [Fact]
    public void The_aplay_command_line_asks_for_raw_48_khz_mono_s16_on_the_device()
    {
        var arguments = AlsaSink.BuildArguments("plughw:1,0", TimeSpan.FromMilliseconds(200));
        Assert.Equal(["-q", "-t", "raw", "-f", "S16_LE", "-r", "48000", "-c", "1", "-D", "plughw:1,0", "--buffer-time=200000"], arguments);
    }

    [Fact]
    public async Task Pipes_exactly_the_samples_written_to_the_player_as_little_endian_pcm()
    {
        var sink = new AlsaSink("/bin/sh", ["-c", $"cat > '{_file}'"], TimeSpan.Zero, OnError, NullLogger.Instance);
        var pcm = OpusStream.Sine(9_600, 440);
        sink.Open("news");
        for (var offset = 0; offset < pcm.Length; offset += 960) sink.Write(pcm.AsSpan(offset, 960));
        sink.Close();

        await Eventually.TrueAsync(() => File.Exists(_file) && new FileInfo(_file).Length == pcm.Length * 2, "the player received every byte");
        var bytes = await File.ReadAllBytesAsync(_file);
        Assert.Equal(pcm, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(bytes).ToArray());
        Assert.Equal(0, ErrorCount);
    }

    [Fact]
    public void A_missing_player_is_reported_once_and_audio_is_discarded()
    {
        var sink = new AlsaSink("/nonexistent/aplay", [], TimeSpan.Zero, OnError, NullLogger.Instance);
        sink.Open("a");
        sink.Write(new short[960]);
        sink.Close();
        sink.Open("b");
        sink.Write(new short[960]);
        sink.Dispose();

        Assert.Equal(1, ErrorCount);
        Assert.Contains("/nonexistent/aplay", _errors[0]);
        Assert.False(sink.IsPlaying);
    }

    [Fact]
    public async Task A_player_that_dies_is_reported_and_later_writes_are_dropped_quietly()
    {
        var sink = new AlsaSink("/bin/sh", ["-c", "echo 'audio open error: No such device' >&2; exit 1"], TimeSpan.Zero, OnError, NullLogger.Instance);
        sink.Open("news");
        await Eventually.TrueAsync(() =>
        {
            sink.Write(new short[960]);
            return ErrorCount > 0;
        }, "the failure was reported");
        Assert.False(sink.IsPlaying);
        for (var i = 0; i < 500; i++) sink.Write(new short[960]); // never throws, never fills anything
        sink.Close();
        Assert.Equal(1, ErrorCount);
    }
}
