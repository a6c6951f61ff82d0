using System.Collections.Concurrent;
using InfoRadio.DeviceAgent.Cache;
using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfoRadio.DeviceAgent.Tests.Cache;

/// <summary>The prefetcher against a real loopback content server: order, resume after a cut, limits, plan storage, rotation.</summary>
public sealed class Plan_Prefetcher_Tests : IDisposable
{
    private static readonly Lazy<byte[]> ToneA = new(() => TestOggOpus.Tone(440, 2));
    private static readonly Lazy<byte[]> ToneB = new(() => TestOggOpus.Tone(660, 2));
    private readonly string _state = Path.Combine(Path.GetTempPath(), "inforadio-prefetch-" + Guid.NewGuid().ToString("N"));
    private readonly ContentServer _server = new("box-1", "s3cret");
    private readonly HttpClient _http = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private string _secret = "s3cret";

    public void Dispose()
    {
        _server.Dispose();
        _http.Dispose();
        if (Directory.Exists(_state)) Directory.Delete(_state, recursive: true);
    }

    private PlanPrefetcher Prefetcher(long maxBytes = 1 << 30) =>
        new(new ContentCache(Path.Combine(_state, "cache"), maxBytes), _http, new CacheOptions { MaxBytes = maxBytes, RetryMinSeconds = 1, RetryMaxSeconds = 1 },
            _state, "box-1", () => _secret, _errors.Enqueue, TimeProvider.System, NullLogger.Instance);

    private PlayPlan Plan(long rev, params (string Id, byte[] Bytes, long StartUs)[] items) => new()
    {
        Rev = rev, IssuedUs = 1_800_000_000_000_000, ContentUrl = _server.BaseUrl,
        Items = items.Select(i => new PlanItem
        {
            Id = i.Id, Program = "p", StartUs = i.StartUs, Priority = PriorityClass.Normal, Origin = OriginLevel.Commune,
            Content = new PlanContent { Sha256 = _server.Add(i.Bytes), Bytes = i.Bytes.Length, Samples = 96_000 },
        }).ToList(),
    };

    private static async Task<T> RunWhile<T>(PlanPrefetcher prefetcher, Func<Task<T>> body)
    {
        using var cts = new CancellationTokenSource();
        var run = prefetcher.RunAsync(cts.Token);
        try
        {
            return await body();
        }
        finally
        {
            await cts.CancelAsync();
            await run;
        }
    }

    [Fact]
    public async Task A_plan_is_fetched_in_start_order_a_cut_transfer_resumes_and_the_plan_survives_a_restart()
    {
        var plan = Plan(5, ("early", ToneA.Value, 1_800_000_100_000_000), ("late", ToneB.Value, 1_800_000_200_000_000));
        _server.CutAfterBytes = 3000;
        _server.CutsLeft = 1;
        var prefetcher = Prefetcher();
        Assert.True(prefetcher.Offer(plan));
        Assert.False(prefetcher.Offer(plan with { Rev = 5 }));

        await RunWhile(prefetcher, async () =>
        {
            await Eventually.TrueAsync(() => prefetcher.Status == (2, 0), "both items cached", TimeSpan.FromSeconds(10));
            return 0;
        });

        var requests = _server.Requests.ToList();
        Assert.Equal(("", 200), requests[0]);                // "early" first, cut after 3000 bytes
        Assert.Contains(("bytes=3000-", 206), requests);     // and resumed where it stopped
        Assert.Empty(_errors);
        var reloaded = Prefetcher();
        Assert.Equal(5, reloaded.Plan!.Rev);
        Assert.Equal(plan.Items, reloaded.Plan.Items);
        // The cache is verified by the rescan at the start of the run (hashing is I/O: not in the constructor).
        var before = _server.Requests.Count;
        await RunWhile(reloaded, async () =>
        {
            await Eventually.TrueAsync(() => reloaded.Status == (2, 0), "the rescan found both files intact");
            return 0;
        });
        Assert.Equal(before, _server.Requests.Count);
        Assert.False(reloaded.Offer(plan with { Rev = 4 }));
    }

    [Fact]
    public async Task A_new_plan_deletes_content_it_no_longer_names()
    {
        var first = Plan(1, ("a", ToneA.Value, 1_800_000_100_000_000));
        var prefetcher = Prefetcher();
        prefetcher.Offer(first);
        await RunWhile(prefetcher, async () =>
        {
            await Eventually.TrueAsync(() => prefetcher.Status == (1, 0), "first plan cached");
            prefetcher.Offer(Plan(2, ("b", ToneB.Value, 1_800_000_200_000_000)));
            await Eventually.TrueAsync(() => prefetcher.Status == (1, 0) && prefetcher.Plan!.Rev == 2, "second plan cached");
            return 0;
        });
        var files = Directory.GetFiles(Path.Combine(_state, "cache")).Select(Path.GetFileName).ToList();
        Assert.Equal([prefetcher.Plan!.Items[0].Content.Sha256 + ".opus"], files);
    }

    [Fact]
    public async Task Content_over_the_limit_gives_an_error_event_and_the_rest_is_still_fetched()
    {
        var plan = Plan(1, ("big", ToneA.Value.Concat(new byte[ToneA.Value.Length]).ToArray(), 1_800_000_100_000_000), ("small", ToneB.Value, 1_800_000_200_000_000));
        var prefetcher = Prefetcher(maxBytes: ToneB.Value.Length + 100);
        prefetcher.Offer(plan);
        await RunWhile(prefetcher, async () =>
        {
            await Eventually.TrueAsync(() => prefetcher.Status == (1, 1), "the small item cached, the big one refused");
            return 0;
        });
        var error = Assert.Single(_errors);
        Assert.Contains("item big not cached: cache limit", error);
    }

    [Fact]
    public async Task A_rotated_secret_is_used_for_the_next_attempt()
    {
        _secret = "old";
        var prefetcher = Prefetcher();
        prefetcher.Offer(Plan(1, ("a", ToneA.Value, 1_800_000_100_000_000)));
        await RunWhile(prefetcher, async () =>
        {
            await Eventually.TrueAsync(() => _server.Requests.Any(r => r.Status == 401), "refused with the old secret");
            _secret = "s3cret";
            await Eventually.TrueAsync(() => prefetcher.Status == (1, 0), "cached with the rotated secret", TimeSpan.FromSeconds(10));
            return 0;
        });
    }

    [Fact]
    public void A_corrupt_stored_plan_is_ignored_not_fatal()
    {
        Directory.CreateDirectory(_state);
        File.WriteAllText(Path.Combine(_state, PlanPrefetcher.PlanFileName), "{\"v\":1,\"rev\":");
        Assert.Null(Prefetcher().Plan);
    }
}
