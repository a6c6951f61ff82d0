using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Provincial;

/// <summary>
/// Optional pull of bulletins: GETs Provincial:Bulletins:PollUrl every PollIntervalSeconds, expecting a JSON array of
/// bulletins (the push body's shape), and takes each in as if it were posted (duplicates are known by id and skipped).
/// A bad answer is logged and counted; the next poll goes on.
/// </summary>
public sealed partial class BulletinPoller(
    BulletinService bulletins,
    IHttpClientFactory http,
    IOptions<ProvincialOptions> options,
    TimeProvider time,
    ILogger<BulletinPoller> logger) : BackgroundService
{
    public const string ReceivedBy = "poll";

    private readonly ProvincialOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Bulletins.PollUrl is null) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stoppingToken);
                await Task.Delay(TimeSpan.FromSeconds(_options.Bulletins.PollIntervalSeconds), time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One poll; returns how many new bulletins were accepted.</summary>
    public async Task<int> PollOnceAsync(CancellationToken ct)
    {
        var url = _options.Bulletins.PollUrl ?? throw new InvalidOperationException("Provincial:Bulletins:PollUrl is not set");
        BulletinBody?[]? items;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds), time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (_options.Token is { Length: > 0 } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.CreateClient(ProvincialSender.HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (!response.IsSuccessStatusCode) { LogPollFailed($"the poll URL answered {(int)response.StatusCode}"); return 0; }
            if (response.Content.Headers.ContentLength > _options.Bulletins.MaxBodyBytes) { LogPollFailed("the answer is too large"); return 0; }
            await using var body = await response.Content.ReadAsStreamAsync(linked.Token);
            using var bounded = new MemoryStream();
            var buffer = new byte[65536];
            int read;
            while ((read = await body.ReadAsync(buffer, linked.Token)) > 0)
            {
                if (bounded.Length + read > _options.Bulletins.MaxBodyBytes) { LogPollFailed("the answer is too large"); return 0; }
                bounded.Write(buffer, 0, read);
            }
            items = JsonSerializer.Deserialize<BulletinBody?[]>(bounded.ToArray(), ProvincialJson.Strict);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            LogPollFailed($"no answer within {_options.RequestTimeoutSeconds} s");
            return 0;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException)
        {
            ProvincialCounters.BulletinsRefused.Add(1, new KeyValuePair<string, object?>("source", ReceivedBy));
            LogPollFailed(e.Message);
            return 0;
        }
        var accepted = 0;
        foreach (var item in items ?? [])
            if ((await bulletins.IngestAsync(item, ReceivedBy, ct)).Outcome == BulletinOutcome.Accepted) accepted++;
        return accepted;
    }

    [LoggerMessage(EventId = 9130, Level = LogLevel.Warning, Message = "Polling the province for bulletins failed: {Why}")]
    private partial void LogPollFailed(string why);
}
