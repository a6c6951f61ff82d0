using InfoRadio.DeviceAgent.Cache;
using InfoRadio.DeviceAgent.Offline;
using InfoRadio.DeviceAgent.Playback;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent;

/// <summary>Offline play (protocol section 20): the plan, the content cache, and playing from it while the link is down.</summary>
public sealed partial class SpeakerAgent
{
    /// <summary>How often the agent looks whether a plan item falls due while the link is down.</summary>
    private static readonly TimeSpan OfflineCheckInterval = TimeSpan.FromMilliseconds(200);

    private ContentCache _cache = null!;
    private PlanPrefetcher _prefetcher = null!;
    private OfflinePlayer _offlinePlayer = null!;
    private HttpClient _http = null!;
    private readonly OfflineArbiter _arbiter = new();
    /// <summary>Controller µs at which the link went down; <see cref="long.MinValue"/> before the first connect; null while up.</summary>
    private long? _linkDownSinceUs = long.MinValue;
    private readonly Lock _linkStateGate = new();

    private void InitOffline(ILoggerFactory loggerFactory)
    {
        var trust = _options.Tls.Enabled
            ? Link.ServerCertificateTrust.Create(_options.Tls.Thumbprint, _options.Tls.CaFile, _options.Tls.AllowUntrustedForDevelopment)
            : null;
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15) };
        // Content is fetched from the controller the MQTT link trusts, with the same trust.
        if (trust is not null) handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, chain, errors) => trust.IsTrusted(cert, chain, errors);
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(30) };
        _cache = new ContentCache(Path.Combine(_options.StateDirectory, "cache"), _options.Cache.MaxBytes);
        _prefetcher = new PlanPrefetcher(_cache, _http, _options.Cache, _options.StateDirectory, _options.DeviceId,
            () => _link.Secret, ReportCacheError, _time, loggerFactory.CreateLogger<PlanPrefetcher>());
        _offlinePlayer = new OfflinePlayer(_engine, _cache, _clock, _time, loggerFactory.CreateLogger<OfflinePlayer>(),
            (item, reason) => Post(() =>
            {
                ReportCacheError(reason);
                if (_arbiter.Playing?.Id == item) Reevaluate();
            }));
    }

    /// <summary>Items of the plan in force whose content is cached, and those missing.</summary>
    public (int Ready, int Missing) CacheStatus => _prefetcher.Status;

    private void ReportCacheError(string reason) =>
        PublishEvent(DeviceEventType.Error, session: null, _clock.ControllerNowUs, position: null, underruns: null, reason);

    /// <summary>On the MQTT receive path: hands a newer plan to the prefetcher (which does the I/O on its own task).</summary>
    private void OnPlan(Protocol.Topics.TopicName topic, Link.InboundMessage message)
    {
        if (message.Payload.Length == 0) return;
        var parsed = MessageCodec.Parse<PlayPlan>(message.Payload);
        if (!parsed.IsOk)
        {
            Reject(topic.Kind.ToString(), message.Topic, parsed.Error);
            return;
        }
        if (_prefetcher.Offer(parsed.Value)) LogPlanReceived(_logger, parsed.Value.Rev, parsed.Value.Items.Count);
    }

    private void OnLinkUp()
    {
        lock (_linkStateGate) _linkDownSinceUs = null;
    }

    private void OnLinkDown()
    {
        lock (_linkStateGate) _linkDownSinceUs = _clock.ControllerNowUs;
        Post(Reevaluate);
    }

    /// <summary>What the playout gets: the follower's choice, or a plan item from the cache (agent loop only).</summary>
    private OfflineChoice ChooseWithPlan()
    {
        long? downSince;
        lock (_linkStateGate) downSince = _linkDownSinceUs;
        var linkUp = downSince is null && _link.IsConnected;
        if (!linkUp) downSince ??= _clock.ControllerNowUs;
        // Without any clock estimate the plan cannot be timed: nothing plays from it.
        var planUsable = _clock.HasOffset;
        while (true)
        {
            var choice = _arbiter.Decide(linkUp, downSince, _clock.ControllerNowUs, planUsable ? _prefetcher.Plan : null,
                item => _cache.Contains(item.Content.Sha256), _follower.Candidates);
            if (choice.Item is not { } item)
            {
                _offlinePlayer.Stop();
                return choice;
            }
            if (_offlinePlayer.Play(item)) return choice;
            _arbiter.Finish(item.Id);
        }
    }

    /// <summary>Re-runs the choice (a plan item may have fallen due, or the link changed).</summary>
    private void Reevaluate() => ApplyChoice(_follower.Chosen);

    /// <summary>Re-runs the choice only when an item not yet played falls within its lead (agent loop).</summary>
    private void ReevaluateIfItemDue()
    {
        if (_arbiter.Playing is not null || _prefetcher.Plan is not { } plan) return;
        var now = _clock.ControllerNowUs;
        if (plan.Items.Any(i => i.StartUs - OfflineArbiter.LeadUs <= now && now < OfflineArbiter.EndUs(i) && !_arbiter.IsDone(i.Id))) Reevaluate();
    }

    /// <summary>A play event of a plan item played from the cache ends it for good.</summary>
    private void OnOfflineItemEvent(PlayoutEvent e)
    {
        if (e.Type is not (DeviceEventType.PlayFinished or DeviceEventType.PlayInterrupted)) return;
        Post(() =>
        {
            if (_arbiter.Playing?.Id != e.Session) return;
            _arbiter.Finish(e.Session);
            _offlinePlayer.Stop();
            Reevaluate();
        });
    }

    private async Task RunOfflineClockAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(OfflineCheckInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                bool down;
                lock (_linkStateGate) down = _linkDownSinceUs is not null;
                if (down && _prefetcher.Plan is not null) Post(ReevaluateIfItemDue);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
