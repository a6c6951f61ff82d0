using InfoRadio.Bench.Processes;
using InfoRadio.Controller.Audio;
using InfoRadio.Protocol;

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
        // Speakers are on line long before a bulletin: let their clock models converge first, as in the field.
        var settle = args.Int("settle", 30);
        string result;
        int exitCode;
        using (var cluster = await LoopbackCluster.StartAsync("e2e", agents))
        {
            await Task.Delay(TimeSpan.FromSeconds(settle));
            var (source, origin) = SpeechSource.Create(TimeSpan.FromSeconds(seconds));
            var wav = WavFiles.ToWav(source);
            Console.WriteLine($"source: {seconds} s of {origin} speech, {wav.Length} bytes WAV; {agents} agents online");
            var broadcast = await cluster.Api.StartBroadcastAsync(wav, "all", "bench e2e");
            var final = await cluster.Api.WaitBroadcastEndAsync(broadcast, TimeSpan.FromSeconds(seconds + 60));
            var finished = final.GetProperty("devices").EnumerateArray().Count(d => d.GetProperty("status").GetString() == "finished");
            Console.WriteLine($"broadcast: {ControllerApiClient.Timeline(final)}");

            var reference = OpusRoundTrip.Decode(BroadcastEncoding.EncodeAll(source, new OpusEncoderSettings(), 1, 5));
            var correlations = new List<double>();
            var lagSpreads = new List<double>();
            foreach (var agent in cluster.Agents)
            {
                var played = WavFiles.Read(Path.Combine(agent.OutputDirectory, broadcast + ".wav"));
                var alignment = played.Length == 0 ? default : SignalCorrelation.BestAlignment(reference, played, ProtocolVersion.SampleRate);
                var (windowMin, lagMin, lagMax) = played.Length == 0 ? (0, 0, 0) : SecondByAlignment.Measure(reference, played, alignment.Lag);
                correlations.Add(windowMin);
                lagSpreads.Add((lagMax - lagMin) * 1_000.0 / ProtocolVersion.SampleRate);
                Console.WriteLine(FormattableString.Invariant(
                    $"{agent.Id}: {played.Length} samples, correlation {alignment.Correlation:0.0000} at lag {alignment.Lag}; per second at least {windowMin:0.0000}, lags {lagMin} … {lagMax}"));
            }
            result = FormattableString.Invariant(
                $"RESULT e2e agents={agents} finished={finished} correlation_min={correlations.Min():0.0000} lag_spread_ms_max={lagSpreads.Max():0.00} seconds={seconds} source={origin}");
            exitCode = finished == agents ? 0 : 1;
        }
        // Last, after the children are gone, so that nothing they print follows it.
        Console.WriteLine(result);
        return exitCode;
    }
}
