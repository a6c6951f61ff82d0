using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Provincial;

/// <summary>
/// Pushes the outbox to Provincial:Endpoint, oldest first: one POST per message with its body as made, its key in the
/// <c>Idempotency-Key</c> header and the configured bearer credential. A 2xx answer (or 409, the receiver saying it has
/// that key already) delivers it; anything else — a refused connection, a timeout, a 5xx, a 4xx — is retried with
/// exponential backoff and jitter under the same key, until the message is older than Provincial:DeadAfterHours.
/// After a failure the pass ends: the endpoint is likely down, and the other messages wait for the next due time.
/// </summary>
public sealed partial class ProvincialSender(
    ProvincialOutbox outbox,
    IHttpClientFactory http,
    IOptions<ProvincialOptions> options,
    TimeProvider time,
    ILogger<ProvincialSender> logger) : BackgroundService
{
    public const string HttpClientName = "provincial";
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string KindHeader = "X-InfoRadio-Kind";

    /// <summary>How often an idle sender looks for dead messages and old ones to prune.</summary>
    public static readonly TimeSpan IdleWait = TimeSpan.FromMinutes(5);

    private readonly ProvincialOptions _options = options.Value;

    /// <summary>The source of jitter; tests may make it fixed.</summary>
    internal Func<double> Random { get; set; } = System.Random.Shared.NextDouble;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Endpoint is null) LogNoEndpoint();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                Housekeep(now);
                if (_options.Endpoint is not null) await SendDueAsync(stoppingToken);
                var next = outbox.NextDue();
                var wait = next is { } due && _options.Endpoint is not null ? due - time.GetUtcNow() : IdleWait;
                await outbox.WaitForWorkAsync(wait < IdleWait ? wait : IdleWait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database or the clock failing must not end the link for good.
                LogLoopFailed(e);
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Sends every message due now, oldest first; stops at the first failure. Returns how many were delivered.</summary>
    internal async Task<int> SendDueAsync(CancellationToken ct)
    {
        var delivered = 0;
        while (!ct.IsCancellationRequested)
        {
            var batch = outbox.Due(time.GetUtcNow(), 20);
            if (batch.Count == 0) return delivered;
            foreach (var message in batch)
            {
                if (!await SendAsync(message, ct)) return delivered;
                delivered++;
            }
        }
        return delivered;
    }

    private async Task<bool> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var started = time.GetUtcNow();
        string? error;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds), time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            using var request = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint)
            {
                Content = new StringContent(message.Body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(IdempotencyHeader, message.Id);
            request.Headers.Add(KindHeader, message.Kind);
            if (_options.Token is { Length: > 0 } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var client = http.CreateClient(HttpClientName);
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict)
                {
                    message.State = OutboxState.Delivered;
                    message.DeliveredAt = time.GetUtcNow();
                    message.Attempts++;
                    message.LastAttemptAt = started;
                    message.LastError = null;
                    outbox.Update(message);
                    ProvincialCounters.Delivered.Add(1, new KeyValuePair<string, object?>("kind", message.Kind));
                    LogDelivered(message.Id, message.Attempts, (int)response.StatusCode);
                    return true;
                }
                error = $"the endpoint answered {(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                error = $"no answer within {_options.RequestTimeoutSeconds} s";
            }
        }
        catch (HttpRequestException e)
        {
            error = "the request failed: " + e.Message;
        }
        ct.ThrowIfCancellationRequested();
        message.Attempts++;
        message.LastAttemptAt = started;
        message.LastError = error;
        var delay = RetryBackoff.Delay(message.Attempts, TimeSpan.FromSeconds(_options.InitialBackoffSeconds),
            TimeSpan.FromSeconds(_options.MaxBackoffSeconds), Random());
        message.NextAttemptAt = time.GetUtcNow() + delay;
        outbox.Update(message);
        ProvincialCounters.Failures.Add(1, new KeyValuePair<string, object?>("kind", message.Kind));
        LogFailed(message.Id, message.Attempts, error, delay.TotalSeconds);
        return false;
    }

    private void Housekeep(DateTimeOffset now)
    {
        foreach (var dead in outbox.ExpireBefore(now - TimeSpan.FromHours(_options.DeadAfterHours)))
        {
            ProvincialCounters.Dead.Add(1, new KeyValuePair<string, object?>("kind", dead.Kind));
            LogDead(dead.Id, dead.Attempts, dead.LastError ?? "never attempted (no endpoint)", _options.DeadAfterHours);
        }
        outbox.Prune(now - TimeSpan.FromDays(_options.KeepDays));
    }

    [LoggerMessage(EventId = 9100, Level = LogLevel.Warning, Message = "Provincial:Endpoint is not configured: pushes stay in the outbox")]
    private partial void LogNoEndpoint();

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "Provincial push {Key} delivered after {Attempts} attempt(s) ({Status})")]
    private partial void LogDelivered(string key, int attempts, int status);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "Provincial push {Key} failed (attempt {Attempts}): {Error}; retrying in {DelaySeconds:0.#} s")]
    private partial void LogFailed(string key, int attempts, string error, double delaySeconds);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Error, Message = "Provincial push {Key} is dead after {Attempts} attempt(s) in {Hours} h: {Error}")]
    private partial void LogDead(string key, int attempts, string error, double hours);

    [LoggerMessage(EventId = 9104, Level = LogLevel.Error, Message = "The provincial sender's loop failed; it goes on")]
    private partial void LogLoopFailed(Exception e);
}
