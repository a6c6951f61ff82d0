using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent.Cache;

/// <summary>
/// Keeps the cache in step with the latest play plan: rescans the cache at start, stores each newer plan in
/// <c>{state}/plan.json</c> (so a restart without a link still has it), deletes content the plan no longer names,
/// and fetches what is missing in order of start, retrying with backoff while the link or the server fails. Runs on
/// a task of its own: <see cref="Offer"/> (from the MQTT receive path) only hands the plan over.
/// </summary>
public sealed partial class PlanPrefetcher
{
    public const string PlanFileName = "plan.json";

    private readonly ContentCache _cache;
    private readonly ContentDownloader _downloader;
    private readonly CacheOptions _options;
    private readonly string _planPath;
    private readonly string _deviceId;
    private readonly Func<string> _secret;
    private readonly Action<string> _reportError;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _changed = new(0);
    private readonly HashSet<string> _noSpace = new(StringComparer.Ordinal);
    private PlayPlan? _plan;

    /// <param name="secret">The device secret now (it rotates).</param>
    /// <param name="reportError">Publishes an Error device event with this reason.</param>
    public PlanPrefetcher(ContentCache cache, HttpClient http, CacheOptions options, string stateDirectory, string deviceId,
        Func<string> secret, Action<string> reportError, TimeProvider time, ILogger logger)
    {
        _cache = cache;
        _downloader = new ContentDownloader(http, cache);
        _options = options;
        _planPath = Path.Combine(stateDirectory, PlanFileName);
        _deviceId = deviceId;
        _secret = secret;
        _reportError = reportError;
        _time = time;
        _logger = logger;
        _plan = LoadStoredPlan();
    }

    /// <summary>The plan in force (the stored one until a newer arrives).</summary>
    public PlayPlan? Plan => Volatile.Read(ref _plan);

    /// <summary>Items of the plan whose content is cached, and those still missing.</summary>
    public (int Ready, int Missing) Status
    {
        get
        {
            var plan = Plan;
            if (plan is null) return (0, 0);
            var ready = plan.Items.Count(i => _cache.Contains(i.Content.Sha256));
            return (ready, plan.Items.Count - ready);
        }
    }

    /// <summary>Raised (on the prefetch task) whenever an item's content became available.</summary>
    public Action? ContentReady { get; set; }

    /// <summary>Takes a plan from the broker; false when its rev is not above the one in force. Quick and thread-safe.</summary>
    public bool Offer(PlayPlan plan)
    {
        while (true)
        {
            var current = Plan;
            if (current is not null && plan.Rev <= current.Rev) return false;
            if (Interlocked.CompareExchange(ref _plan, plan, current) == current) break;
        }
        _changed.Release();
        return true;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            Rescan(cancellationToken);
            var delay = TimeSpan.FromSeconds(_options.RetryMinSeconds);
            PlayPlan? stored = null;
            while (!cancellationToken.IsCancellationRequested)
            {
                var plan = Plan;
                if (plan is not null && !ReferenceEquals(plan, stored))
                {
                    Store(plan);
                    stored = plan;
                    _noSpace.Clear();
                    var pruned = _cache.Prune(plan.Items.Select(i => i.Content.Sha256).ToHashSet(StringComparer.Ordinal));
                    if (pruned > 0) LogPruned(_logger, pruned, plan.Rev);
                }
                var failed = plan is not null && !await FetchMissingAsync(plan, cancellationToken).ConfigureAwait(false);
                if (plan is not null)
                {
                    var (ready, missing) = Status;
                    LogStatus(_logger, plan.Rev, ready, missing);
                }
                if (failed)
                {
                    // A newer plan ends the wait early; otherwise back off while the link or the server fails.
                    await WaitChangedAsync(delay, cancellationToken).ConfigureAwait(false);
                    delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, _options.RetryMaxSeconds));
                }
                else
                {
                    delay = TimeSpan.FromSeconds(_options.RetryMinSeconds);
                    await _changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Waits for a newer plan or <paramref name="delay"/> on the agent's time provider, whichever comes first.</summary>
    private async Task WaitChangedAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var changed = _changed.WaitAsync(cts.Token);
        await Task.WhenAny(changed, Task.Delay(delay, _time, cts.Token)).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Fetches what the plan misses, soonest first; false when some transfer failed and is worth retrying.</summary>
    private async Task<bool> FetchMissingAsync(PlayPlan plan, CancellationToken cancellationToken)
    {
        var ok = true;
        foreach (var item in plan.Items.OrderBy(i => i.StartUs))
        {
            if (!ReferenceEquals(plan, Plan)) return true;
            var content = item.Content;
            if (_cache.Contains(content.Sha256) || _noSpace.Contains(content.Sha256)) continue;
            (DownloadOutcome outcome, string detail) result;
            try
            {
                result = await _downloader.DownloadAsync(plan.ContentUrl, content, _deviceId, _secret(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                result = (DownloadOutcome.TransferFailed, "cache file error: " + ex.Message);
            }
            switch (result.outcome)
            {
                case DownloadOutcome.Cached:
                    LogCached(_logger, item.Id, content.Sha256, result.detail, _downloader.LastResumedFrom);
                    ContentReady?.Invoke();
                    break;
                case DownloadOutcome.NoSpace:
                    _noSpace.Add(content.Sha256);
                    LogNoSpace(_logger, item.Id, content.Sha256, result.detail);
                    _reportError($"offline cache: item {item.Id} not cached: {result.detail}");
                    break;
                case DownloadOutcome.ChecksumMismatch:
                    LogMismatch(_logger, item.Id, content.Sha256, result.detail);
                    _reportError($"offline cache: content {content.Sha256} of item {item.Id} failed its checksum: {result.detail}");
                    ok = false;
                    break;
                default:
                    LogTransferFailed(_logger, item.Id, content.Sha256, result.detail);
                    ok = false;
                    break;
            }
        }
        return ok;
    }

    private void Rescan(CancellationToken cancellationToken)
    {
        try
        {
            var deleted = _cache.Rescan(cancellationToken);
            foreach (var name in deleted) LogCorruptDeleted(_logger, name);
            if (deleted.Count > 0) _reportError($"offline cache: {deleted.Count} corrupt or foreign file(s) deleted at start ({string.Join(", ", deleted.Take(3))})");
        }
        catch (CacheException ex)
        {
            LogCacheUnusable(_logger, ex.Message);
            _reportError("offline cache unusable: " + ex.Message);
        }
    }

    private PlayPlan? LoadStoredPlan()
    {
        try
        {
            if (!File.Exists(_planPath)) return null;
            var parsed = MessageCodec.Parse<PlayPlan>(File.ReadAllBytes(_planPath));
            if (parsed.IsOk) return parsed.Value;
            LogStoredPlanInvalid(_logger, _planPath, parsed.Error);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogStoredPlanInvalid(_logger, _planPath, ex.Message);
        }
        return null;
    }

    private void Store(PlayPlan plan)
    {
        try
        {
            Storage.DurableFile.Write(_planPath, MessageCodec.Encode(plan));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogPlanNotStored(_logger, _planPath, ex.Message);
            _reportError($"offline plan rev {plan.Rev} not stored: {ex.Message}");
        }
    }
}
