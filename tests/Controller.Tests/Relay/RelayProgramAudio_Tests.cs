using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Relay;
using InfoRadio.Controller.Scheduling.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Tests.Relay;

/// <summary>The relay against a real Icecast-like HTTP server on loopback, read on a real-time timeline.</summary>
public sealed class RelayProgramAudio_Tests
{
    private const int SourceHz = 1000;
    private const int FallbackHz = 300;

    private static RelayOptions FastOptions() => new()
    {
        PrebufferMs = 1500, MaxBufferMs = 4000, NoDataTimeoutMs = 2000, SilenceTimeoutMs = 1500, ConnectTimeoutMs = 5000,
        RetriesBeforeFallback = 1, RetryDelayMs = 200, MaxRetryDelayMs = 400, DeadlineMarginMs = 50,
    };

    private static RelayRuntime Runtime(RelayOptions options, InMemoryMediaLibrary media) =>
        new(Options.Create(options), new RelayConnector(Options.Create(options)), media, TimeProvider.System, NullLogger<RelayRuntime>.Instance);

    private static InMemoryMediaLibrary FallbackLibrary()
    {
        var media = new InMemoryMediaLibrary();
        var samples = Enumerable.Range(0, 96_000).Select(i => 0.3f * MathF.Sin(2 * MathF.PI * FallbackHz * i / 48_000f)).ToArray();
        media.Put("fallback", new DecodedAudio { Samples = samples, SourceFormat = "test tone" });
        return media;
    }

    private static long NowUs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

    /// <summary>
    /// Reads the relay as the encode-ahead pipeline would, at most one second ahead of a send timeline starting now,
    /// and classifies every 100 ms; <paramref name="during"/> runs once per block with the block's index.
    /// </summary>
    private static async Task<List<int>> AirAsync(RelayProgramAudio audio, Action<int> during)
    {
        var tones = new List<int>();
        using var reader = audio.Open();
        var epochUs = NowUs() + 500_000;
        audio.OnAir(epochUs, 200);
        var block = new float[4_800];
        long total = 0;
        await Task.Run(async () =>
        {
            while (true)
            {
                var aheadUs = epochUs + total * 1_000_000 / 48_000 - 1_000_000 - NowUs();
                if (aheadUs > 0) await Task.Delay(TimeSpan.FromMicroseconds(aheadUs));
                var filled = 0;
                while (filled < block.Length)
                {
                    var n = reader.Read(block.AsSpan(filled));
                    if (n == 0) break;
                    filled += n;
                }
                if (filled == 0) break;
                total += filled;
                tones.Add(ToneMeter.Dominant(block.AsSpan(0, filled), SourceHz, FallbackHz));
                during(tones.Count);
            }
        });
        Assert.Equal(audio.SampleCount, total);
        return tones;
    }

    [Fact]
    public async Task Relays_an_icecast_mp3_stream_decoded_as_it_arrives()
    {
        await using var server = new IcecastTestServer(TestMp3.Tone(SourceHz, 5), 64);
        var audio = Runtime(FastOptions(), new InMemoryMediaLibrary()).Create(new Uri(server.Url), TimeSpan.FromSeconds(6), null, "test");

        Assert.Null(await audio.PrimeAsync(CancellationToken.None));
        var tones = await AirAsync(audio, _ => { });

        Assert.True(server.LastAskedMetadata);
        Assert.True(tones.Count(t => t == SourceHz) >= tones.Count - 5, string.Join(",", tones));
        var health = audio.Health.View();
        Assert.Equal(0, health.Failures);
        Assert.Equal("Test FM", health.StationName);
        Assert.StartsWith("Bản tin", health.StreamTitle);
        Assert.Equal("MP3 44100 Hz 1 ch", health.SourceFormat);
    }

    [Fact]
    public async Task A_source_that_dies_is_retried_replaced_by_the_fallback_and_taken_back_when_it_recovers()
    {
        await using var server = new IcecastTestServer(TestMp3.Tone(SourceHz, 5), 64);
        var audio = Runtime(FastOptions(), FallbackLibrary()).Create(new Uri(server.Url), TimeSpan.FromSeconds(14), "fallback", "test");
        Assert.Null(await audio.PrimeAsync(CancellationToken.None));

        var tones = await AirAsync(audio, block =>
        {
            if (block == 20)
            {
                server.Refuse = true;
                server.DropAll();
            }
            if (block == 70) server.Refuse = false;
        });

        var text = string.Join(",", tones);
        var firstFallback = tones.IndexOf(FallbackHz);
        // On a loaded machine a late source may leave a block of silence; the source must still dominate.
        Assert.True(tones.Take(15).Count(t => t == SourceHz) >= 12, text);
        Assert.True(firstFallback > 15, text);
        Assert.True(tones.Skip(firstFallback).Contains(SourceHz), "the source never came back: " + text);
        var health = audio.Health.View();
        Assert.True(health.Failures >= 2, $"{health} {text}");
        Assert.True(health.Fallbacks >= 1 && health.Recoveries >= 1, $"{health} {text}");
        Assert.NotNull(health.LastError);
        Assert.Contains("fallback(s) to media fallback", audio.AirReport);
    }

    [Fact]
    public async Task A_silent_source_falls_back()
    {
        await using var server = new IcecastTestServer(TestMp3.Tone(0, 3), 64);
        var audio = Runtime(FastOptions(), FallbackLibrary()).Create(new Uri(server.Url), TimeSpan.FromSeconds(8), "fallback", "test");
        Assert.Null(await audio.PrimeAsync(CancellationToken.None));

        var tones = await AirAsync(audio, _ => { });

        Assert.Contains(FallbackHz, tones);
        Assert.DoesNotContain(SourceHz, tones);
        Assert.Contains("silent", audio.Health.View().LastError);
    }

    [Fact]
    public async Task A_source_that_never_answers_still_yields_the_full_length_in_real_time()
    {
        var options = FastOptions();
        var audio = Runtime(options, new InMemoryMediaLibrary()).Create(new Uri($"http://127.0.0.1:{FreePort.Next()}/live.mp3"), TimeSpan.FromSeconds(2), null, "test");
        var started = DateTime.UtcNow;
        var tones = await AirAsync(audio, _ => { });
        Assert.All(tones, t => Assert.Equal(0, t));
        Assert.InRange((DateTime.UtcNow - started).TotalSeconds, 0.5, 4);
        Assert.Contains("cannot be reached", audio.Health.View().LastError);
    }

    [Theory]
    [InlineData("/page", "text/html")]
    [InlineData("/missing", "404")]
    public async Task A_url_that_is_not_an_mp3_stream_is_a_request_problem(string path, string said)
    {
        await using var server = new IcecastTestServer(TestMp3.Tone(SourceHz, 1), 64);
        var audio = Runtime(FastOptions(), new InMemoryMediaLibrary()).Create(new Uri(server.BaseUrl + path), TimeSpan.FromSeconds(5), null, "test");
        var problem = await audio.PrimeAsync(CancellationToken.None);
        audio.Discard();
        Assert.NotNull(problem);
        Assert.True(problem.IsRequestProblem);
        Assert.Contains(said, problem.Message);
    }
}

