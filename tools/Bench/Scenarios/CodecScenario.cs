using System.Diagnostics;
using System.Globalization;
using InfoRadio.Bench.Measurement;
using InfoRadio.Codec;
using InfoRadio.Controller.Audio;
using InfoRadio.Protocol;

namespace InfoRadio.Bench.Scenarios;

/// <summary>
/// codec: encode and decode speed, in multiples of real time on one core, of managed Concentus, native libopus through
/// Concentus, and opus-tools' opusenc/opusdec (the same libopus behind a command line), on the same speech with the
/// same settings. In-process figures are the CPU time of the one thread doing the work; the tools' figures are their
/// processes' user+system time. Each figure is the median of several runs, after one unmeasured warm-up run.
/// </summary>
public static class CodecScenario
{
    private const int MaxFrameBytes = OpusFrameEncoder.MaxFrameBytes;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var seconds = args.Int("seconds", 60);
        var repeats = args.Int("repeats", 3);
        var settings = new OpusEncoderSettings
        {
            Application = OpusApplicationType.Voip,
            BitrateBps = args.Int("bitrate", 32_000),
            FrameSamples = 960,
            Complexity = args.Int("complexity", 10),
        };
        if (!OpusCodecs.Native.Available)
        {
            Console.Error.WriteLine($"native libopus is not usable here ({OpusCodecs.Native.Problem}); install libopus0");
            return 1;
        }
        var (source, origin) = SpeechSource.Create(TimeSpan.FromSeconds(seconds));
        source = source[..(source.Length / settings.FrameSamples * settings.FrameSamples)];
        Console.WriteLine(FormattableString.Invariant(
            $"source: {seconds} s of {origin} speech, 48 kHz mono; Opus VOIP, {settings.BitrateBps / 1000} kbps VBR, 20 ms frames, complexity {settings.Complexity}; median of {repeats} runs"));

        var managed = MeasureInProcess(source, settings, native: false, repeats);
        var native = MeasureInProcess(source, settings, native: true, repeats);
        var tools = await MeasureOpusToolsAsync(source, settings, repeats);

        Console.WriteLine(FormattableString.Invariant(
            $"RESULT codec managed_enc_x={managed.EncodeX:0.0} native_enc_x={native.EncodeX:0.0} opusenc_x={tools.EncodeX:0.0} managed_dec_x={managed.DecodeX:0.0} native_dec_x={native.DecodeX:0.0} opusdec_x={tools.DecodeX:0.0} seconds={seconds} complexity={settings.Complexity} source={origin}"));
        return 0;
    }

    private sealed record Speed(double EncodeX, double DecodeX);

    private static Speed MeasureInProcess(float[] source, OpusEncoderSettings settings, bool native, int repeats)
    {
        var fs = settings.FrameSamples;
        var frames = source.Length / fs;
        var encoded = new byte[frames * MaxFrameBytes];
        var lengths = new int[frames];
        var decoded = new short[source.Length];
        var encoderSettings = settings.Clone();
        encoderSettings.UseNativeLibrary = native;
        string version = "";

        void Encode()
        {
            using var encoder = new OpusFrameEncoder(encoderSettings);
            version = encoder.ImplementationVersion;
            for (var i = 0; i < frames; i++)
                lengths[i] = encoder.Encode(source.AsSpan(i * fs, fs), encoded.AsSpan(i * MaxFrameBytes, MaxFrameBytes));
        }

        void Decode()
        {
            using var decoder = OpusCodecs.CreateDecoder(native);
            for (var i = 0; i < frames; i++)
            {
                var produced = decoder.Decode(encoded.AsSpan(i * MaxFrameBytes, lengths[i]), decoded.AsSpan(i * fs, fs), fs, false);
                if (produced != fs) throw new InvalidOperationException($"frame {i} decoded to {produced} samples");
            }
        }

        // The warm-up run lets the JIT reach its final tier before anything is timed.
        CpuTime.OfWorkOnOwnThread(Encode);
        CpuTime.OfWorkOnOwnThread(Decode);
        var encodeCpu = Median(Enumerable.Range(0, repeats).Select(_ => CpuTime.OfWorkOnOwnThread(Encode)));
        var decodeCpu = Median(Enumerable.Range(0, repeats).Select(_ => CpuTime.OfWorkOnOwnThread(Decode)));

        var audioSeconds = (double)source.Length / ProtocolVersion.SampleRate;
        var speed = new Speed(audioSeconds / encodeCpu.TotalSeconds, audioSeconds / decodeCpu.TotalSeconds);
        var floats = decoded.Select(s => s / 32768f).ToArray();
        var quality = SignalCorrelation.BestAlignment(source, floats, 4_800);
        Console.WriteLine(FormattableString.Invariant(
            $"{(native ? "native " : "managed")} {version}: encode {encodeCpu.TotalMilliseconds:0} ms CPU ({speed.EncodeX:0.0}x), decode {decodeCpu.TotalMilliseconds:0} ms CPU ({speed.DecodeX:0.0}x); {lengths.Sum() * 8 / audioSeconds / 1000:0.0} kbps, correlation {quality.Correlation:0.000} at lag {quality.Lag}"));
        return speed;
    }

    private static async Task<Speed> MeasureOpusToolsAsync(float[] source, OpusEncoderSettings settings, int repeats)
    {
        var work = Directory.CreateTempSubdirectory("inforadio-bench-codec-").FullName;
        try
        {
            var wav = Path.Combine(work, "speech.wav");
            var opus = Path.Combine(work, "speech.opus");
            var raw = Path.Combine(work, "decoded.raw");
            await File.WriteAllBytesAsync(wav, WavFiles.ToWav(source));
            // opusenc has no application switch: OPUS_SET_APPLICATION_REQUEST (4000) = OPUS_APPLICATION_VOIP (2048).
            string[] encode = ["--quiet", "--bitrate", (settings.BitrateBps / 1000.0).ToString(CultureInfo.InvariantCulture),
                "--framesize", "20", "--comp", settings.Complexity.ToString(CultureInfo.InvariantCulture),
                "--set-ctl-int", "4000=2048", wav, opus];
            string[] decode = ["--quiet", "--rate", "48000", "--no-dither", opus, raw];
            Console.WriteLine($"opusenc {string.Join(' ', encode)}");
            Console.WriteLine($"opusdec {string.Join(' ', decode)}");

            await RunToolAsync("opusenc", encode); // warm-up: page cache, dynamic linking
            var encodeCpu = new List<TimeSpan>();
            for (var i = 0; i < repeats; i++) encodeCpu.Add(await RunToolAsync("opusenc", encode));
            await RunToolAsync("opusdec", decode);
            var decodeCpu = new List<TimeSpan>();
            for (var i = 0; i < repeats; i++) decodeCpu.Add(await RunToolAsync("opusdec", decode));

            var audioSeconds = (double)source.Length / ProtocolVersion.SampleRate;
            var speed = new Speed(audioSeconds / Median(encodeCpu).TotalSeconds, audioSeconds / Median(decodeCpu).TotalSeconds);
            var quality = SignalCorrelation.BestAlignment(source, WavFiles.ReadRaw16(raw), 4_800);
            Console.WriteLine(FormattableString.Invariant(
                $"opus-tools ({ToolVersion()}): opusenc {Median(encodeCpu).TotalMilliseconds:0} ms CPU ({speed.EncodeX:0.0}x), opusdec {Median(decodeCpu).TotalMilliseconds:0} ms CPU ({speed.DecodeX:0.0}x); Ogg file {new FileInfo(opus).Length * 8 / audioSeconds / 1000:0.0} kbps, correlation {quality.Correlation:0.000} at lag {quality.Lag}"));
            return speed;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Runs a tool to its end and returns its user+system CPU time.</summary>
    private static async Task<TimeSpan> RunToolAsync(string tool, string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var before = CpuTime.FinishedChildren();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {tool}");
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await errors}");
        return CpuTime.FinishedChildren() - before;
    }

    private static string ToolVersion()
    {
        var info = new ProcessStartInfo("opusenc", "--version") { UseShellExecute = false, RedirectStandardOutput = true };
        using var process = Process.Start(info)!;
        var first = process.StandardOutput.ReadLine() ?? "";
        process.WaitForExit();
        return first.Replace("opusenc ", "", StringComparison.Ordinal);
    }

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
