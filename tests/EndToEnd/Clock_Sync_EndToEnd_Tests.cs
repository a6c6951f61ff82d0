using System.Text.Json;
using InfoRadio.Controller.Audio;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// A controller and two speakers whose clocks are set 3.7 s fast and 2.2 s slow play one broadcast: their WAV files,
/// placed in real time by their timeline sidecars, must sound the same audio at the same instant.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class Clock_Sync_EndToEnd_Tests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const double ToleranceMs = 2;

    private sealed record Sidecar(ulong Position, long DeviceUs, long ControllerUs);

    private static Sidecar ReadSidecar(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        return new Sidecar(root.GetProperty("position").GetUInt64(), root.GetProperty("deviceUs").GetInt64(), root.GetProperty("controllerUs").GetInt64());
    }

    [Fact]
    public async Task Two_speakers_with_clocks_seconds_apart_play_the_same_sample_at_the_same_instant()
    {
        using var temp = new TempDirectory();
        await using var controller = await RunningController.StartAsync(temp.Sub("data"));
        var fast = new OffsetTimeProvider(TimeProvider.System, TimeSpan.FromSeconds(3.7));
        var slow = new OffsetTimeProvider(TimeProvider.System, TimeSpan.FromSeconds(-2.2));
        await using var a = new RunningSpeaker("spk-fast", await controller.RegisterDeviceAsync("spk-fast"), controller.BrokerPort, temp.Sub("fast"), fast);
        await using var b = new RunningSpeaker("spk-slow", await controller.RegisterDeviceAsync("spk-slow"), controller.BrokerPort, temp.Sub("slow"), slow);
        await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).Count == 2, TimeSpan.FromSeconds(15), "2 speakers online");
        // Speakers are normally on line long before a broadcast: let each take its burst and a few more exchanges
        // (one per 2 s) before the test starts one.
        await Eventually.TrueAsync(() => Task.FromResult(a.Status.ClockSamples >= 9 && b.Status.ClockSamples >= 9), TimeSpan.FromSeconds(30),
            "both clocks have nine exchanges");

        var source = SpeechLikeSignal.Generate(seed: 11, TimeSpan.FromSeconds(4));
        var id = await Broadcast_EndToEnd_Tests.StartBroadcastAsync(controller, TestAudio.Wav(source, 48_000), "all");
        var final = await Broadcast_EndToEnd_Tests.WaitForEndAsync(controller, id, TimeSpan.FromSeconds(30));
        Assert.Equal("finished", final.GetProperty("state").GetString());

        var sideA = ReadSidecar(Path.Combine(a.WavDirectory, id + ".timeline.json"));
        var sideB = ReadSidecar(Path.Combine(b.WavDirectory, id + ".timeline.json"));
        // The true instant (this machine's clock, which the controller uses) of each file's first sample.
        var trueA = sideA.DeviceUs - (long)fast.Offset.TotalMicroseconds;
        var trueB = sideB.DeviceUs - (long)slow.Offset.TotalMicroseconds;

        // Each agent's idea of the controller's clock at its file's start is right, within the tolerance.
        var clocks = $"A's controller time off by {(sideA.ControllerUs - trueA) / 1_000.0:0.000} ms, B's by {(sideB.ControllerUs - trueB) / 1_000.0:0.000} ms";
        Assert.True(Math.Abs(sideA.ControllerUs - trueA) <= ToleranceMs * 1_000, clocks);
        Assert.True(Math.Abs(sideB.ControllerUs - trueB) <= ToleranceMs * 1_000, clocks);
        // And the two agree on where the timeline's origin is (controller time of stream position 0).
        static double OriginUs(Sidecar s) => s.ControllerUs - s.Position * 1e6 / 48_000;
        var origins = (OriginUs(sideA) - OriginUs(sideB)) / 1_000.0;
        Assert.True(Math.Abs(origins) <= ToleranceMs, $"the sidecars' origins differ by {origins:0.000} ms");

        // The audio itself: what the sidecars say about where the files sit in time is what the files contain.
        var wavA = TestAudio.ReadWav(a.WavOf(id));
        var wavB = TestAudio.ReadWav(b.WavOf(id));
        var alignment = SignalCorrelation.BestAlignment(wavA, wavB, maxLagSamples: 24_000);
        // Not 1: each agent follows its own clock estimate with its own one-sample corrections, so the two files
        // wander against each other by a fraction of a millisecond (more on a busy box, whose timestamps jitter by
        // milliseconds), and a sample of shift is a large phase turn for the signal's upper harmonics. Unrelated
        // audio would be near 0; this only makes sure the lag below is the lag of the same audio.
        var status = $"(r = {alignment.Correlation:0.000}; A: {a.Status.SamplesInserted} inserted, {a.Status.SamplesDropped} dropped, "
            + $"{a.Status.Underruns} underruns, drift {a.Status.DriftPpm:0.00} ppm; B: {b.Status.SamplesInserted} inserted, "
            + $"{b.Status.SamplesDropped} dropped, {b.Status.Underruns} underruns, drift {b.Status.DriftPpm:0.00} ppm)";
        output.WriteLine(clocks);
        output.WriteLine($"origins differ by {origins:0.000} ms; lag {alignment.Lag} samples, predicted {(trueA - trueB) * 48_000 / 1e6:0.0} {status}");
        Assert.True(alignment.Correlation >= 0.5, $"the two files do not hold the same audio {status}");
        // candidate[n + lag] matches reference[n]: a lag of (tA − tB) · 48 kHz if both sound each sample at the same instant.
        var predictedLag = (trueA - trueB) * 48_000 / 1e6;
        Assert.True(Math.Abs(alignment.Lag - predictedLag) <= ToleranceMs * 48,
            $"measured lag {alignment.Lag} samples, the sidecars predict {predictedLag:0.0} (files start at {sideA.Position} and {sideB.Position}) {status}");
    }
}
