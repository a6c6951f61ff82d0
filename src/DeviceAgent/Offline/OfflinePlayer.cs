using InfoRadio.DeviceAgent.Cache;
using InfoRadio.DeviceAgent.Clock;
using InfoRadio.DeviceAgent.Playback;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent.Offline;

/// <summary>
/// Plays a plan item from the cache through the ordinary playout: the item becomes a local session whose timeline
/// puts content sample <c>p</c> (after pre-skip) at <c>startUs + p / 48 kHz</c> controller time, and a feeder task
/// reads the file's Opus packets and hands them to the engine as audio packets, a couple of seconds ahead of the
/// playout (the jitter buffer holds about five), so the engine decodes, times, corrects drift and reports events
/// exactly as for a stream.
/// </summary>
internal sealed partial class OfflinePlayer : IDisposable
{
    /// <summary>The stream number of local sessions; the agent refuses broker audio carrying it.</summary>
    public const uint Stream = uint.MaxValue;

    /// <summary>Session latency: gives a real-time sink the same output-buffer room as a program stream.</summary>
    private const int LatencyMs = 400;

    private static readonly TimeSpan FeedInterval = TimeSpan.FromMilliseconds(100);
    private static readonly long AheadSamples = 2 * ProtocolVersion.SampleRate;

    private readonly PlayoutEngine _engine;
    private readonly ContentCache _cache;
    private readonly ControllerClock _clock;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<string, string> _reportError;
    private CancellationTokenSource? _feed;
    private SessionInfo? _session;

    /// <param name="reportError">Publishes an Error event (item id, reason).</param>
    public OfflinePlayer(PlayoutEngine engine, ContentCache cache, ControllerClock clock, TimeProvider time, ILogger logger,
        Action<string, string> reportError)
    {
        _engine = engine;
        _cache = cache;
        _clock = clock;
        _time = time;
        _logger = logger;
        _reportError = reportError;
    }

    /// <summary>The item being fed, if any.</summary>
    public string? Current => _session?.Session;

    /// <summary>
    /// Plays <paramref name="item"/> (again, if it already plays: only its volume may change). False when its file
    /// cannot be opened as Ogg Opus: the error is reported and the file evicted from the cache.
    /// </summary>
    public bool Play(PlanItem item)
    {
        if (_session is { } current && current.Session == item.Id)
        {
            _session = current with { Volume = item.Volume, Priority = item.Priority, Origin = item.Origin, Title = item.Title };
            _engine.SetSession(_session);
            return true;
        }
        Stop();
        if (!_cache.TryGetPath(item.Content.Sha256, out var path))
        {
            return Fail(item, "content is not in the cache", evict: false);
        }
        FileStream file;
        OggOpusReader reader;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            try
            {
                reader = new OggOpusReader(file);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OggOpusFormatException)
        {
            return Fail(item, ex.Message, evict: ex is OggOpusFormatException);
        }
        var preSkipUs = reader.PreSkip * 1_000_000L / ProtocolVersion.SampleRate;
        _session = OfflineArbiter.AsSession(item) with
        {
            EpochUs = item.StartUs - preSkipUs - LatencyMs * 1_000L,
            LatencyMs = LatencyMs,
            FrameSamples = 960,
        };
        _engine.PlayLocal(_session, (ulong)reader.PreSkip, (ulong)(reader.PreSkip + item.Content.Samples));
        LogPlaying(_logger, item.Id, item.Content.Sha256, item.StartUs, reader.PreSkip);
        var cts = _feed = new CancellationTokenSource();
        var session = _session;
        _ = Task.Run(() => FeedAsync(item, session, file, reader, cts.Token));
        return true;
    }

    /// <summary>Stops feeding (the caller gives the engine its next session).</summary>
    public void Stop()
    {
        // Cancelled, not disposed: the feed task may still be looking at its token.
        _feed?.Cancel();
        _feed = null;
        _session = null;
    }

    public void Dispose() => Stop();

    private bool Fail(PlanItem item, string reason, bool evict)
    {
        if (evict) _cache.Evict(item.Content.Sha256);
        LogUnplayable(_logger, item.Id, item.Content.Sha256, reason);
        _reportError(item.Id, $"offline play of {item.Id} failed: cached content {item.Content.Sha256[..12]}… unusable: {reason}");
        return false;
    }

    private async Task FeedAsync(PlanItem item, SessionInfo session, FileStream file, OggOpusReader reader, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(FeedInterval, _time);
        uint sequence = 0;
        var originUs = session.EpochUs + session.LatencyMs * 1_000L;
        try
        {
            await using (file.ConfigureAwait(false))
            {
                OggOpusPacket? pending = null;
                while (!cancellationToken.IsCancellationRequested)
                {
                    var nowPosition = (_clock.ControllerNowUs - originUs) * ProtocolVersion.SampleRate / 1_000_000;
                    while (true)
                    {
                        if (pending is null)
                        {
                            if (!reader.TryRead(out var next)) return;
                            pending = next;
                        }
                        var packet = pending.Value;
                        if (packet.Position >= nowPosition + AheadSamples) break;
                        pending = null;
                        // Long past (a late start): not worth the jitter buffer's room.
                        if (packet.Position + packet.Samples < nowPosition - ProtocolVersion.SampleRate / 10) continue;
                        if (packet.Samples != session.FrameSamples)
                            throw new OggOpusFormatException($"packet at {packet.Position} holds {packet.Samples} samples, not {session.FrameSamples} (20 ms frames required)");
                        _engine.OnPacket(new AudioPacket
                        {
                            Stream = Stream,
                            Sequence = sequence++,
                            Position = (ulong)packet.Position,
                            FrameSamples = (ushort)packet.Samples,
                            Frames = [packet.Data],
                        });
                    }
                    await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or OggOpusFormatException)
        {
            // What was fed plays; the rest is concealed, then silence, until the planned end.
            Fail(item, ex.Message, evict: ex is OggOpusFormatException);
        }
    }
}
