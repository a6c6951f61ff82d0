using System.Net;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Messaging;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Offline;

/// <summary>
/// Keeps every registered device's play plan retained on <c>devices/{id}/plan</c>: what the scheduler will air to it
/// in the coming hours from stored audio, each item's audio encoded once in the <see cref="ContentStore"/>. A pass
/// runs when the catalog changes, when a slot passes, and at least every refresh interval (targets, zones and media
/// are looked at then); a device's plan is published only when its items changed, with a revision from the clock
/// so that it grows across restarts. Every broker (re)connection republishes all plans.
/// </summary>
public sealed partial class PlanPublisher : BackgroundService
{
    /// <summary>How long a published item is remembered after its slot, for late play events.</summary>
    public static readonly TimeSpan ItemRetention = TimeSpan.FromDays(31);

    private readonly ISchedulingCatalog _catalog;
    private readonly ContentSources _sources;
    private readonly ContentStore _store;
    private readonly PlanItemBook _book;
    private readonly ControllerBus _bus;
    private readonly IServer? _server;
    private readonly OfflineOptions _options;
    private readonly OpusEncoderSettings _encoding;
    private readonly TimeProvider _time;
    private readonly ILogger<PlanPublisher> _logger;
    private readonly PlanBuilder _builder;
    private readonly Dictionary<string, PlayPlan> _published = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _problems = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _pass = new(1, 1);
    private long _lastRev;

    public PlanPublisher(ISchedulingCatalog catalog, ITargetDirectory directory, ContentSources sources, ContentStore store, PlanItemBook book,
        ControllerBus bus, IOptions<OfflineOptions> options, IOptions<BroadcastOptions> broadcast, TimeProvider time,
        ILogger<PlanPublisher> logger, IServer? server = null)
    {
        _options = options.Value;
        if (_options.Validate() is { } problem) throw new ArgumentException(problem, nameof(options));
        _catalog = catalog;
        _sources = sources;
        _store = store;
        _book = book;
        _bus = bus;
        _server = server;
        _encoding = broadcast.Value.Profiles.Program.Opus;
        _time = time;
        _logger = logger;
        _builder = new PlanBuilder(catalog, directory, _options.Horizon);
        bus.Connected += () => _ = RepublishAllAsync();
    }

    /// <summary>The plan last published for a device, if any.</summary>
    public PlayPlan? PlanOf(string deviceId)
    {
        lock (_published) return _published.GetValueOrDefault(deviceId);
    }

    /// <summary>Whether the device's current plan names that content (what it may download).</summary>
    public bool Names(string deviceId, string sha256) =>
        PlanOf(deviceId)?.Items.Any(i => i.Content.Sha256 == sha256) == true;

    /// <summary>One pass; returns when the next is due at the latest. The hosted loop calls it; tests drive it.</summary>
    public async Task<DateTimeOffset> RunOnceAsync(CancellationToken ct)
    {
        await _pass.WaitAsync(ct);
        try
        {
            var now = _time.GetUtcNow();
            var plans = _builder.Build(now, program => ContentOf(program, ct));
            var url = ContentUrl();
            var referenced = new HashSet<string>(StringComparer.Ordinal);
            var wake = now + _options.RefreshInterval;
            foreach (var (device, items) in plans)
            {
                foreach (var planned in items) referenced.Add(planned.Item.Content.Sha256);
                if (items.Count > 0 && planned0(items) < wake) wake = planned0(items);
                var old = PlanOf(device);
                if (old is not null && old.ContentUrl == url && old.Items.SequenceEqual(items.Select(i => i.Item))) continue;
                var plan = new PlayPlan { Rev = NextRev(now), IssuedUs = ToUs(now), ContentUrl = url, Items = items.Select(i => i.Item).ToArray() };
                _book.Record(items.Select(i => new PlanItemDocument
                {
                    Id = i.Item.Id, ProgramId = i.Item.Program, Title = i.Item.Title ?? i.Item.Program, ScheduleId = i.ScheduleId,
                    SlotStart = i.SlotStart.UtcDateTime, Sha256 = i.Item.Content.Sha256, Samples = i.Item.Content.Samples,
                    PublishedAt = now.UtcDateTime,
                }));
                await PublishAsync(device, plan, ct);
                lock (_published) _published[device] = plan;
                LogPublished(device, plan.Rev, plan.Items.Count);
            }
            _store.Sweep(referenced);
            // Events of a cached play may arrive days late (a long outage); past that, the record is no longer needed.
            _book.Prune(now - ItemRetention);
            return wake;
        }
        finally
        {
            _pass.Release();
        }

        // A slot passing changes the plan: wake just after the soonest start.
        static DateTimeOffset planned0(List<PlannedItem> items) => items[0].SlotStart + TimeSpan.FromMilliseconds(1);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled) return;
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var version = _catalog.Version;
            DateTimeOffset wake;
            try
            {
                await _bus.WaitConnectedAsync(stoppingToken);
                wake = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPassFailed(ex);
                wake = _time.GetUtcNow() + TimeSpan.FromSeconds(5);
            }
            try
            {
                while (_catalog.Version == version && _time.GetUtcNow() < wake)
                {
                    var left = wake - _time.GetUtcNow();
                    await Task.Delay(left < _options.PollInterval ? left : _options.PollInterval, _time, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private PlanContent? ContentOf(BroadcastProgram program, CancellationToken ct)
    {
        var (key, open, problem) = _sources.For(program, _encoding);
        try
        {
            if (key is not null) return _store.Ensure(key, open!, _encoding, ct);
        }
        catch (AudioFormatException e)
        {
            problem = $"its audio could not be encoded: {e.Message}";
        }
        catch (IOException e)
        {
            problem = $"its content could not be written: {e.Message}";
        }
        // Logged once per program and problem, not on every pass.
        lock (_problems)
        {
            if (!_problems.TryGetValue(program.Id, out var last) || last != problem)
            {
                _problems[program.Id] = problem!;
                LogNotCacheable(program.Id, problem!);
            }
        }
        return null;
    }

    private string ContentUrl()
    {
        if (!string.IsNullOrEmpty(_options.ContentBaseUrl)) return _options.ContentBaseUrl;
        var address = _server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:8080";
        var uri = new Uri(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? Dns.GetHostName() : uri.Host;
        return new UriBuilder(uri.Scheme, host, uri.Port, "device-api/content/").Uri.ToString();
    }

    private long NextRev(DateTimeOffset now)
    {
        var rev = Math.Max(ToUs(now), Interlocked.Read(ref _lastRev) + 1);
        Interlocked.Exchange(ref _lastRev, rev);
        return rev;
    }

    private Task PublishAsync(string device, PlayPlan plan, CancellationToken ct) =>
        _bus.PublishAsync(TopicTree.DevicePlan(device), MessageCodec.Encode(plan), MqttQualityOfServiceLevel.AtLeastOnce, retain: true, ct);

    private async Task RepublishAllAsync()
    {
        KeyValuePair<string, PlayPlan>[] all;
        lock (_published) all = _published.ToArray();
        try
        {
            foreach (var (device, plan) in all) await PublishAsync(device, plan, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogPassFailed(ex);
        }
    }

    private static long ToUs(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
