using System.Diagnostics;
using System.Globalization;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Protocol;
using NAudio.Wave;

namespace InfoRadio.Bench.Scenarios;

/// <summary>
/// program-start: what it costs to put a long stored program on air, old path against new, in one process. The old
/// path decoded the whole file to floats (the media library's TryLoad) and encoded it all before the session could be
/// announced; the new one opens the file and encodes a few seconds ahead of the send (EncodeAheadPipeline). For each:
/// the time from the start request to the first packet ready, and the peak managed heap while the whole program is
/// encoded (the new path is drained as fast as it encodes, not paced, so the run takes seconds rather than the
/// program's length). The file is a WAV of speech at 44.1 kHz mono 16-bit, so both paths resample.
/// </summary>
public static class ProgramStartScenario
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var minutes = args.Int("minutes", 30);
        var rate = args.Int("rate", 44_100);
        var aheadMs = args.Int("ahead-ms", new BroadcastOptions().EncodeAheadMs);
        var profile = BroadcastProfile.ProgramDefaults();
        var dir = Directory.CreateTempSubdirectory("inforadio-bench-program-");
        try
        {
            var (path, origin) = WriteProgram(Path.Combine(dir.FullName, "program.wav"), TimeSpan.FromMinutes(minutes), rate);
            var warmUp = WriteProgram(Path.Combine(dir.FullName, "warm.wav"), TimeSpan.FromSeconds(2), rate).Path;
            var decoder = new AudioFileDecoder();
            var sampleCount = Decode(decoder, warmUp).Samples.LongLength; // warms the decoder
            var capacity = Math.Max(2, aheadMs / profile.PacketMs);
            await StreamAsync(decoder, warmUp, sampleCount, profile, capacity);
            BroadcastEncoding.EncodeAll(new float[48_000], profile.Opus, 1, profile.FramesPerPacket);

            // The library knows the length from the upload; here one header read tells it.
            long programSamples;
            using (var reader = new WaveFileReader(path)) programSamples = (long)Math.Round(reader.SampleCount * (double)ProtocolVersion.SampleRate / rate);
            Console.WriteLine(FormattableString.Invariant(
                $"source: {minutes} min of {origin} speech, WAV PCM 16-bit {rate} Hz mono ({new FileInfo(path).Length / 1e6:0} MB); encode ahead {aheadMs} ms = {capacity} packets"));

            var streamed = await MeasureAsync(() => StreamAsync(decoder, path, programSamples, profile, capacity));
            var streamedRss = PeakRssMb();
            Console.WriteLine(FormattableString.Invariant(
                $"new (stream): first packet {streamed.FirstMs:0.0} ms, all {streamed.Packets} packets in {streamed.TotalS:0.0} s ({minutes * 60 / streamed.TotalS:0}x real time), peak managed heap {streamed.PeakHeapMb:0.0} MB, peak RSS so far {streamedRss:0} MB"));

            var whole = await MeasureAsync(() => Task.FromResult(Whole(decoder, path, profile)));
            Console.WriteLine(FormattableString.Invariant(
                $"old (whole): first packet {whole.FirstMs:0.0} ms, all {whole.Packets} packets in {whole.TotalS:0.0} s, peak managed heap {whole.PeakHeapMb:0.0} MB, peak RSS {PeakRssMb():0} MB"));

            Console.WriteLine(FormattableString.Invariant(
                $"RESULT program-start minutes={minutes} new_first_packet_ms={streamed.FirstMs:0.0} old_first_packet_ms={whole.FirstMs:0.0} new_peak_heap_mb={streamed.PeakHeapMb:0.0} old_peak_heap_mb={whole.PeakHeapMb:0.0} new_peak_rss_mb={streamedRss:0} source={origin}"));
            return 0;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private sealed record Run(double FirstMs, double TotalS, long Packets, double PeakHeapMb);

    /// <summary>Runs one path with a sampler of the managed heap beside it; the baseline is taken after a full GC.</summary>
    private static async Task<Run> MeasureAsync(Func<Task<(TimeSpan First, long Packets)>> path)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(true);
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var now = GC.GetTotalMemory(false);
                if (now > Interlocked.Read(ref peak)) Interlocked.Exchange(ref peak, now);
                Thread.Sleep(2);
            }
        }) { IsBackground = true };
        sampler.Start();
        var clock = Stopwatch.StartNew();
        var (first, packets) = await path();
        var total = clock.Elapsed;
        await stop.CancelAsync();
        sampler.Join();
        return new Run(first.TotalMilliseconds, total.TotalSeconds, packets, (Interlocked.Read(ref peak) - baseline) / 1e6);
    }

    /// <summary>The new path: open, encode ahead, take packets as they come.</summary>
    private static async Task<(TimeSpan First, long Packets)> StreamAsync(AudioFileDecoder decoder, string path, long samples,
        BroadcastProfile profile, int capacity)
    {
        var clock = Stopwatch.StartNew();
        var audio = new FileProgramAudio(path, samples, "WAV", decoder);
        await using var pipeline = EncodeAheadPipeline.Start(audio.Open(), profile.Opus, 1, profile.FramesPerPacket, capacity, CancellationToken.None);
        await pipeline.Packets.WaitToReadAsync();
        var first = clock.Elapsed;
        var packets = 0L;
        await foreach (var _ in pipeline.Packets.ReadAllAsync()) packets++;
        if (pipeline.Failure is { } failure) throw failure;
        return (first, packets);
    }

    /// <summary>The old path: decode it all, encode it all; the first packet exists when everything does.</summary>
    private static (TimeSpan First, long Packets) Whole(AudioFileDecoder decoder, string path, BroadcastProfile profile)
    {
        var clock = Stopwatch.StartNew();
        var audio = Decode(decoder, path);
        var packets = BroadcastEncoding.EncodeAll(audio.Samples, profile.Opus, 1, profile.FramesPerPacket);
        return (clock.Elapsed, packets.Count);
    }

    private static DecodedAudio Decode(AudioFileDecoder decoder, string path)
    {
        using var file = File.OpenRead(path);
        return decoder.Decode(file, long.MaxValue / 4);
    }

    /// <summary>Writes the program block by block (a 30-minute float array is what this scenario is about avoiding).</summary>
    private static (string Path, string Origin) WriteProgram(string path, TimeSpan length, int rate)
    {
        var (speech, origin) = SpeechSource.Create(TimeSpan.FromSeconds(20));
        // The bulletin at 48 kHz, taken at the file's rate: a slightly lower voice, which does not matter here.
        using var writer = new WaveFileWriter(path, new WaveFormat(rate, 16, 1));
        var total = (long)(length.TotalSeconds * rate);
        for (var written = 0L; written < total;)
        {
            var n = (int)Math.Min(speech.Length, total - written);
            writer.WriteSamples(speech, 0, n);
            written += n;
        }
        return (path, origin);
    }

    private static double PeakRssMb()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
