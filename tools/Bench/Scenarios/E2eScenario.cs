using System.Globalization;
using InfoRadio.Bench.Processes;
using InfoRadio.Controller.Audio;
using InfoRadio.Protocol;
using NAudio.Wave;

namespace InfoRadio.Bench.Scenarios;

/// <summary>
/// e2e: the controller and N agents as separate processes on loopback; a speech file is uploaded and broadcast
/// to all; each agent's WAV output is compared with the source after the same Opus round trip.
/// </summary>
public static class E2eScenario
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var agents = args.Int("agents", 3);
        var seconds = args.Int("seconds", 10);
        var warmupSeconds = args.Int("warmup-s", 10);
        var work = Directory.CreateTempSubdirectory("inforadio-bench-e2e-").FullName;
        var httpPort = Ports.Free();
        var brokerPort = Ports.Free();
        var children = new List<ChildProcess>();
        string result;
        int exitCode;
        try
        {
            children.Add(ChildProcess.Start("controller", "__controller", "--urls", $"http://127.0.0.1:{httpPort}",
                $"--Broker:Port={brokerPort}", $"--Storage:DataDir={Path.Combine(work, "data")}", "--Logging:LogLevel:Default=Warning"));
            using var api = new ControllerApiClient(new Uri($"http://127.0.0.1:{httpPort}"));
            await api.WaitHealthyAsync(TimeSpan.FromSeconds(60));

            var outputs = new List<string>();
            for (var i = 1; i <= agents; i++)
            {
                var id = $"bench-agent-{i}";
                var secret = await api.RegisterAsync(id);
                var wavDir = Path.Combine(work, id);
                outputs.Add(wavDir);
                children.Add(ChildProcess.Start(id, "__agent", "--id", id, "--secret", secret, "--port", brokerPort.ToString(CultureInfo.InvariantCulture), "--wav", wavDir));
            }
            var onlineDeadline = DateTime.UtcNow.AddSeconds(60);
            while (await api.OnlineCountAsync() < agents)
            {
                if (DateTime.UtcNow > onlineDeadline) throw new TimeoutException("agents did not come online");
                await Task.Delay(100);
            }
            // Speakers are normally on line long before a broadcast. A WAV file follows each speaker's clock
            // estimate sample by sample, so let the estimates settle (a burst and a few exchanges) first.
            await Task.Delay(TimeSpan.FromSeconds(warmupSeconds));

            var (source, origin) = SpeechSource.Create(TimeSpan.FromSeconds(seconds));
            var wav = ToWav(source);
            Console.WriteLine($"source: {seconds} s of {origin} speech, {wav.Length} bytes WAV; {agents} agents online");
            var broadcast = await api.StartBroadcastAsync(wav, "all", "bench e2e");
            var final = await api.WaitBroadcastEndAsync(broadcast, TimeSpan.FromSeconds(seconds + 60));
            var finished = final.GetProperty("devices").EnumerateArray().Count(d => d.GetProperty("status").GetString() == "finished");

            var reference = OpusRoundTrip.Decode(BroadcastEncoding.EncodeAll(source, new OpusEncoderSettings(), 1, 5));
            var correlations = new List<double>();
            var lagSpreads = new List<double>();
            foreach (var dir in outputs)
            {
                var file = Path.Combine(dir, broadcast + ".wav");
                var played = File.Exists(file) ? ReadWav(file) : [];
                var alignment = played.Length == 0 ? default : SignalCorrelation.BestAlignment(reference, played, ProtocolVersion.SampleRate);
                var (windowMin, lagMin, lagMax) = played.Length == 0 ? (0, 0, 0) : Windows(reference, played, alignment.Lag);
                correlations.Add(windowMin);
                lagSpreads.Add((lagMax - lagMin) * 1_000.0 / ProtocolVersion.SampleRate);
                Console.WriteLine(FormattableString.Invariant(
                    $"{Path.GetFileName(dir)}: {played.Length} samples, correlation {alignment.Correlation:0.0000} at lag {alignment.Lag}; per second at least {windowMin:0.0000}, lags {lagMin} … {lagMax}"));
            }
            result = FormattableString.Invariant(
                $"RESULT e2e agents={agents} finished={finished} correlation_min={correlations.Min():0.0000} lag_spread_ms_max={lagSpreads.Max():0.00} seconds={seconds} source={origin}");
            exitCode = finished == agents ? 0 : 1;
        }
        finally
        {
            foreach (var child in children) child.Dispose();
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
        // Last, after the children are gone, so that nothing they print follows it.
        Console.WriteLine(result);
        return exitCode;
    }

    /// <summary>
    /// Each speaker's file follows its clock estimate sample by sample, so its lag against the source wanders by a
    /// fraction of a millisecond: each second of speech (quieter seconds skipped) is aligned on its own, within 10 ms
    /// of the whole file's lag. Returns the lowest correlation and the range of the lags.
    /// </summary>
    private static (double Min, int LagMin, int LagMax) Windows(float[] reference, float[] played, int lag)
    {
        const int Window = ProtocolVersion.SampleRate;
        const int Reach = ProtocolVersion.SampleRate / 100;
        var loudness = Rms(reference);
        double min = 1;
        int lagMin = lag, lagMax = lag;
        for (var start = Reach; start + Window + Reach <= reference.Length; start += Window)
        {
            var from = start + lag;
            if (from - Reach < 0 || from + Window + Reach > played.Length) continue;
            var part = reference.AsSpan(start, Window);
            if (Rms(part) < 0.3 * loudness) continue;
            var local = SignalCorrelation.BestAlignment(part, played.AsSpan(from - Reach, Window + 2 * Reach), 2 * Reach);
            min = Math.Min(min, local.Correlation);
            lagMin = Math.Min(lagMin, lag + local.Lag - Reach);
            lagMax = Math.Max(lagMax, lag + local.Lag - Reach);
        }
        return (min, lagMin, lagMax);
    }

    private static double Rms(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (var s in samples) sum += s * s;
        return Math.Sqrt(sum / Math.Max(1, samples.Length));
    }

    private static byte[] ToWav(float[] samples)
    {
        using var memory = new MemoryStream();
        using (var writer = new WaveFileWriter(memory, new WaveFormat(ProtocolVersion.SampleRate, 16, 1)))
        {
            writer.WriteSamples(samples, 0, samples.Length);
            writer.Flush();
            return memory.ToArray();
        }
    }

    private static float[] ReadWav(string path)
    {
        using var reader = new WaveFileReader(path);
        var samples = new float[reader.SampleCount];
        return samples[..reader.ToSampleProvider().Read(samples.AsSpan())];
    }
}
