using System.Collections.Concurrent;
using InfoRadio.Controller.Broadcasting;

namespace InfoRadio.Controller.Relay;

/// <summary>
/// Starts live relays (a stream broadcast now, with the program profile) and keeps the health of every relay, live or
/// scheduled, for the API. A live relay is stopped like any broadcast (<see cref="BroadcastService.Cancel"/>).
/// </summary>
public sealed partial class RelayService(RelayRuntime runtime, BroadcastService broadcasts, TimeProvider time, ILogger<RelayService> logger)
{
    /// <summary>How long a finished relay stays listed.</summary>
    private static readonly TimeSpan KeepEnded = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Entry> _relays = new(StringComparer.Ordinal);

    /// <summary>
    /// Connects to the source and waits for its prebuffer, then broadcasts it for the asked duration. A source that
    /// gives no audio at all now is refused (the caller is there to fix the URL); once on air, failures fall back.
    /// </summary>
    /// <exception cref="RelaySourceException">The source gave no audio; <see cref="RelaySourceException.IsRequestProblem"/> says whose fault.</exception>
    /// <exception cref="BroadcastRequestException">The targets are unknown or empty.</exception>
    /// <exception cref="BroadcastCapacityException">Relay:MaxLiveRelays live relays are running.</exception>
    public async Task<BroadcastView> StartLiveAsync(RelayRequest request, CancellationToken ct)
    {
        var running = _relays.Values.Count(e => e.Kind == "live" && e.Audio.Health.State != RelayState.Stopped);
        if (running >= runtime.Options.MaxLiveRelays)
            throw new BroadcastCapacityException($"{running} live relays are already running, the most allowed (Relay:MaxLiveRelays)");
        var audio = runtime.Create(request.Url, request.Duration, request.FallbackMediaId, request.Title);
        var problem = await audio.PrimeAsync(ct);
        if (problem is not null)
        {
            audio.Discard();
            LogRefused(request.Url.ToString(), problem.Message);
            throw problem;
        }
        BroadcastView view;
        try
        {
            view = broadcasts.Start(request.Title, audio, request.Targets);
        }
        catch
        {
            audio.Discard();
            throw;
        }
        Track(view.Id, "live", request.Title, audio);
        LogStarted(view.Id, request.Url.ToString(), (long)request.Duration.TotalMinutes, request.RequestedBy ?? "-");
        return view;
    }

    /// <summary>Lists a scheduled relay (by its program and slot) so that its health shows with the live ones.</summary>
    public void Track(string id, string kind, string title, RelayProgramAudio audio)
    {
        Prune();
        _relays[id] = new Entry(kind, title, time.GetUtcNow(), audio);
    }

    public RelayStatusView? Find(string id) => _relays.TryGetValue(id, out var e) ? View(id, e) : null;

    public IReadOnlyList<RelayStatusView> List()
    {
        Prune();
        return _relays.OrderByDescending(r => r.Value.CreatedAt).Select(r => View(r.Key, r.Value)).ToArray();
    }

    private RelayStatusView View(string id, Entry e) =>
        new(id, e.Kind, e.Title, e.CreatedAt, e.Audio.Health.View(), e.Kind == "live" ? broadcasts.Find(id) : null);

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (id, e) in _relays)
        {
            if (now - e.CreatedAt > e.Audio.Duration + KeepEnded) _relays.TryRemove(id, out _);
        }
    }

    private sealed record Entry(string Kind, string Title, DateTimeOffset CreatedAt, RelayProgramAudio Audio);

    [LoggerMessage(EventId = 2120, Level = LogLevel.Information, Message = "Live relay {Id} of {Url} started for {Minutes} min by {User}")]
    private partial void LogStarted(string id, string url, long minutes, string user);

    [LoggerMessage(EventId = 2121, Level = LogLevel.Warning, Message = "Live relay of {Url} refused: {Reason}")]
    private partial void LogRefused(string url, string reason);
}
