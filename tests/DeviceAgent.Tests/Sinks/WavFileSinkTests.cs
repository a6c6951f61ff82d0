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
}
