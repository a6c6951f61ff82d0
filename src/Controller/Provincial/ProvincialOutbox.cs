using InfoRadio.Controller.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Provincial;

/// <summary>
/// The durable outbox (LiteDB collection "provincial_outbox"): a message is written before <see cref="Enqueue"/>
/// returns, so it survives a restart, and its key makes enqueueing idempotent (the same daily report made twice is one
/// message). The sender takes what is due and records each attempt.
/// </summary>
public sealed class ProvincialOutbox
{
    public const string CollectionName = "provincial_outbox";

    private readonly ILiteCollection<OutboxMessage> _collection;
    private readonly ProvincialOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _work = new(0, int.MaxValue);
    private readonly Lock _gate = new();

    public ProvincialOutbox(ControllerDatabase database, IOptions<ProvincialOptions> options, TimeProvider time)
    {
        _collection = database.Database.GetCollection<OutboxMessage>(CollectionName);
        _collection.EnsureIndex(m => m.State);
        _collection.EnsureIndex(m => m.NextAttemptAt);
        _options = options.Value;
        _time = time;
    }

    /// <summary>
    /// Stores a message of <paramref name="kind"/> under <paramref name="key"/> unless one with that key exists; the body is
    /// the envelope around <paramref name="payload"/>, serialized now. True when it was added.
    /// </summary>
    public bool Enqueue(string kind, string key, object payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_collection.FindById(key) is not null) return false;
            var body = System.Text.Json.JsonSerializer.Serialize(new OutboxEnvelope(key, kind, _options.SourceId, now, payload), ProvincialJson.Options);
            _collection.Insert(new OutboxMessage
            {
                Id = key, Kind = kind, Body = body, CreatedAt = now, State = OutboxState.Pending, NextAttemptAt = now,
            });
        }
        ProvincialCounters.Enqueued.Add(1, new KeyValuePair<string, object?>("kind", kind));
        _work.Release();
        return true;
    }

    public OutboxMessage? Find(string key) => _collection.FindById(key);

    public IReadOnlyList<OutboxMessage> List(OutboxState? state, int limit) =>
        (state is { } s ? _collection.Query().Where(m => m.State == s) : _collection.Query())
            .OrderByDescending(m => m.CreatedAt).Limit(limit).ToList();

    public int Count(OutboxState state) => _collection.Count(m => m.State == state);

    /// <summary>Pending messages whose next attempt is due at <paramref name="now"/>, oldest first.</summary>
    public IReadOnlyList<OutboxMessage> Due(DateTimeOffset now, int limit) =>
        _collection.Query().Where(m => m.State == OutboxState.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.CreatedAt).Limit(limit).ToList();

    /// <summary>When the earliest pending message is due; null when none is pending.</summary>
    public DateTimeOffset? NextDue()
    {
        var next = _collection.Query().Where(m => m.State == OutboxState.Pending).OrderBy(m => m.NextAttemptAt).Limit(1).FirstOrDefault();
        return next?.NextAttemptAt;
    }

    public void Update(OutboxMessage message)
    {
        lock (_gate) _collection.Update(message);
    }

    /// <summary>Marks pending messages made before <paramref name="cutoff"/> dead; returns them.</summary>
    public IReadOnlyList<OutboxMessage> ExpireBefore(DateTimeOffset cutoff)
    {
        lock (_gate)
        {
            var old = _collection.Find(m => m.State == OutboxState.Pending && m.CreatedAt < cutoff).ToList();
            foreach (var message in old)
            {
                message.State = OutboxState.Dead;
                _collection.Update(message);
            }
            return old;
        }
    }

    /// <summary>Deletes delivered and dead messages made before <paramref name="cutoff"/>.</summary>
    public int Prune(DateTimeOffset cutoff)
    {
        lock (_gate) return _collection.DeleteMany(m => m.State != OutboxState.Pending && m.CreatedAt < cutoff);
    }

    /// <summary>Waits until a message is enqueued or <paramref name="timeout"/> passes on the controller's clock.</summary>
    public async Task WaitForWorkAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (timeout <= TimeSpan.Zero) return;
        using var delay = new CancellationTokenSource(timeout, _time);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, delay.Token);
        try
        {
            await _work.WaitAsync(both.Token);
            // One wake-up is enough for a burst of messages.
            while (_work.CurrentCount > 0) _work.Wait(0, CancellationToken.None);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
    }
}
