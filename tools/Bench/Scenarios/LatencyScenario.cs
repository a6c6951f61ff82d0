using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using InfoRadio.Bench.Processes;
using InfoRadio.Protocol;

namespace InfoRadio.Bench.Scenarios;

/// <summary>
/// latency: how long after a sample enters the controller it leaves each agent's sink, with the live profile.
/// The controller and N agents run as separate processes on loopback (<see cref="LoopbackCluster"/>); the agents
/// keep a sink timing log. The scenario streams quiet speech with tone bursts (<see cref="LatencySignal"/>) over
/// <c>/api/live</c> in 20 ms messages paced by the wall clock, noting the wall-clock instant each message was sent.
/// Afterwards it finds every burst in every agent's WAV output, dates it with that agent's timing log, and reports
/// the time from the send of the burst's first loud sample to that sample leaving the sink. All processes share one
/// machine and one clock; the WebSocket hop into the controller is part of the figure.
/// </summary>
public static class LatencyScenario
{
    private const int ChunkSamples = 960;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var agents = args.Int("agents", 3);
        var seconds = args.Int("seconds", 20);
        var intervalMs = args.Int("interval-ms", 500);
        // /api/live needs a broadcaster: a fresh token each run, seen only on the controller's command line.
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        string[] controllerArgs =
        [
            "--Accounts:Users:0:Name=bench-live", "--Accounts:Users:0:Roles:0=broadcaster", $"--Accounts:Users:0:Token={token}",
            .. args.Get("latency-ms", "") is { Length: > 0 } latency ? new[] { $"--Broadcast:Profiles:Live:LatencyMs={latency}" } : [],
        ];
        if (agents < 1) throw new ArgumentException("--agents must be at least 1");

        string result;
        int exitCode;
        using (var cluster = await LoopbackCluster.StartAsync("latency", agents, controllerArgs, ["--sink-timing", "true"]))
        {
            cluster.Keep = args.Get("keep", "false") == "true";
            var (source, markers) = LatencySignal.Create(TimeSpan.FromSeconds(seconds), TimeSpan.FromMilliseconds(intervalMs));
            Console.WriteLine($"{agents} agents online; streaming {seconds} s with {markers.Count} tone bursts every {intervalMs} ms");

            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{cluster.HttpPort}/api/live?targets=all&title=bench%20latency&access_token={token}"), CancellationToken.None);
            var onAir = await ReceiveOnAirAsync(socket);
            var id = onAir.GetProperty("id").GetString()!;
            var latencyMs = onAir.GetProperty("latencyMs").GetInt32();
            var sentUs = await StreamAsync(socket, source);
            var lateSends = Enumerable.Range(0, sentUs.Length).Select(k => (sentUs[k] - sentUs[0]) / 1000.0 - k * 20.0).ToArray();
            Console.WriteLine(FormattableString.Invariant(
                $"sender: {sentUs.Length} messages, at most {lateSends.Max():0} ms behind its 20 ms schedule, {lateSends.Count(l => l > 20)} more than 20 ms behind"));
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);

            var final = await cluster.Api.WaitBroadcastEndAsync(id, TimeSpan.FromSeconds(60));
            var finished = final.GetProperty("devices").EnumerateArray().Count(d => d.GetProperty("status").GetString() == "finished");
            Console.WriteLine($"broadcast: {ControllerApiClient.Timeline(final)}");

            var all = new List<double>();
            foreach (var agent in cluster.Agents)
            {
                var output = WavFiles.Read(Path.Combine(agent.OutputDirectory, id + ".wav"));
                var blocks = MarkerDetector.ReadTimingLog(Path.Combine(agent.OutputDirectory, id + ".timing.csv"));
                var latencies = Measure(source, markers, sentUs, output, blocks, TimeSpan.FromMilliseconds(intervalMs));
                all.AddRange(latencies);
                Console.WriteLine(FormattableString.Invariant(
                    $"{agent.Id}: {latencies.Count}/{markers.Count} bursts found; {Summary(latencies)}"));
                if (args.Get("verbose", "false") == "true")
                    Console.WriteLine("  in burst order (ms): " + string.Join(" ", latencies.Select(l => l.ToString("0", CultureInfo.InvariantCulture))));
            }
            Console.WriteLine(FormattableString.Invariant(
                $"all: {all.Count}/{markers.Count * agents} bursts; live latency setting {latencyMs} ms; broadcast {final.GetProperty("state").GetString()}, {finished}/{agents} speakers finished"));
            result = FormattableString.Invariant(
                $"RESULT latency profile=live agents={agents} p50_ms={Percentile(all, 50):0.0} p99_ms={Percentile(all, 99):0.0} max_ms={(all.Count > 0 ? all.Max() : double.NaN):0.0} markers={all.Count}/{markers.Count * agents} latency_setting_ms={latencyMs} seconds={seconds}");
            exitCode = all.Count == markers.Count * agents && finished == agents ? 0 : 1;
        }
        // Last, after the children are gone, so that nothing they print follows it.
        Console.WriteLine(result);
        return exitCode;
    }

    /// <summary>Sends 20 ms messages of 16-bit PCM, each at its wall-clock instant; returns when each was sent (unix µs).</summary>
    private static async Task<long[]> StreamAsync(ClientWebSocket socket, float[] source)
    {
        var chunks = (source.Length + ChunkSamples - 1) / ChunkSamples;
        var sentUs = new long[chunks];
        var bytes = new byte[ChunkSamples * 2];
        var clock = Stopwatch.StartNew();
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            var due = TimeSpan.FromMilliseconds(chunk * 20.0);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            var count = Math.Min(ChunkSamples, source.Length - chunk * ChunkSamples);
            for (var i = 0; i < count; i++)
            {
                var pcm = (short)Math.Clamp(MathF.Round(source[chunk * ChunkSamples + i] * 32768f), short.MinValue, short.MaxValue);
                BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), pcm);
            }
            sentUs[chunk] = UnixUs();
            await socket.SendAsync(bytes.AsMemory(0, count * 2), WebSocketMessageType.Binary, true, CancellationToken.None);
        }
        return sentUs;
    }

    /// <summary>Latency in ms of every burst found in one agent's output.</summary>
    private static List<double> Measure(float[] source, IReadOnlyList<LatencyMarker> markers, long[] sentUs, float[] output,
        IReadOnlyList<SinkBlock> blocks, TimeSpan interval)
    {
        // A burst is searched for until just before the next burst of the same pitch could be taken for it.
        var window = interval * (LatencySignal.Frequencies.Count - 1);
        var latencies = new List<double>();
        foreach (var marker in markers)
        {
            // The sample measured is the burst's first loud one, in the source and in the output alike.
            var loud = MarkerDetector.FindOnset(source, marker.Position - 480, marker.Position + LatencySignal.BurstSamples);
            var enteredUs = sentUs[loud / ChunkSamples];
            var onset = MarkerDetector.Find(output, blocks, marker, enteredUs, window);
            if (onset < 0 || MarkerDetector.LeftAtUs(blocks, onset) is not { } leftUs) continue;
            latencies.Add((leftUs - enteredUs) / 1000.0);
        }
        return latencies;
    }

    private static async Task<JsonElement> ReceiveOnAirAsync(ClientWebSocket socket)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var message = await socket.ReceiveAsync(buffer, timeout.Token);
        if (message.MessageType != WebSocketMessageType.Text)
            throw new InvalidOperationException($"expected the on-air message, got {message.MessageType} {socket.CloseStatusDescription}");
        return JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, message.Count)).RootElement.Clone();
    }

    private static string Summary(List<double> values) => values.Count == 0
        ? "no latency measured"
        : FormattableString.Invariant($"min {values.Min():0.0} ms, p50 {Percentile(values, 50):0.0} ms, p99 {Percentile(values, 99):0.0} ms, max {values.Max():0.0} ms");

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(List<double> values, int percent)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static long UnixUs() => (DateTimeOffset.UtcNow.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
