using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Storage;

namespace InfoRadio.Controller.Speech;

/// <summary>
/// Renders TTS bulletins ahead, as soon as a program is created or its text, voice or speed changes, so airing
/// finds the speech ready and a broadcaster sees a failing engine long before the slot. A failing bulletin is tried
/// again after <see cref="RetryAfter"/>, not on every catalog change.
/// </summary>
public sealed partial class BulletinPrerenderer(LiteDbSchedulingCatalog catalog, BulletinRenderings renderings, TimeProvider time,
    ILogger<BulletinPrerenderer> logger) : BackgroundService
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, DateTimeOffset> _failedAt = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _changed = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        catalog.Changed += OnChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await RenderMissingAsync(stoppingToken);
                await _changed.WaitAsync(Poll, stoppingToken);
                while (_changed.CurrentCount > 0) await _changed.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            catalog.Changed -= OnChanged;
        }
    }

    /// <summary>One pass over the catalog's bulletins; the number rendered (or found already rendered).</summary>
    public async Task<int> RenderMissingAsync(CancellationToken ct)
    {
        var ready = 0;
        foreach (var program in catalog.Programs)
        {
            if (program.Content is not TtsBulletinContent { RecordedMediaId: null } bulletin) continue;
            string key;
            try
            {
                key = renderings.KeyOf(bulletin.Text, bulletin.Voice, bulletin.Speed);
                if (renderings.FindCached(bulletin.Text, bulletin.Voice, bulletin.Speed) is not null)
                {
                    ready++;
                    continue;
                }
            }
            catch (Exception e) when (e is LiteDB.LiteException or IOException)
            {
                LogFailed(program.Id, e.Message);
                continue;
            }
            if (_failedAt.TryGetValue(key, out var failed) && time.GetUtcNow() - failed < RetryAfter) continue;
            try
            {
                await renderings.GetOrRenderAsync(bulletin.Text, bulletin.Voice, bulletin.Speed, BulletinRenderings.TitleFor(program.Title), BulletinRenderings.Uploader, ct);
                _failedAt.Remove(key);
                ready++;
                LogRendered(program.Id);
            }
            catch (SpeechSynthesisException e)
            {
                _failedAt[key] = time.GetUtcNow();
                LogFailed(program.Id, e.Message);
            }
        }
        return ready;
    }

    private void OnChanged() => _changed.Release();

    public override void Dispose()
    {
        base.Dispose();
        _changed.Dispose();
    }

    [LoggerMessage(EventId = 2520, Level = LogLevel.Information, Message = "TTS bulletin of program {ProgramId} rendered ahead")]
    private partial void LogRendered(string programId);

    [LoggerMessage(EventId = 2521, Level = LogLevel.Warning, Message = "TTS bulletin of program {ProgramId} could not be rendered ahead: {Problem}")]
    private partial void LogFailed(string programId, string problem);
}
