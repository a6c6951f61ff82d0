using InfoRadio.Controller.Audio;

namespace InfoRadio.Controller.Relay;

/// <summary>
/// Keeps one relayed source flowing into a bounded <see cref="SampleRing"/> for as long as a reader airs it:
/// connect, decode as it arrives, watch for a dead or silent source, and on failure retry with a doubling delay;
/// after Relay:RetriesBeforeFallback failures in a row the reader switches to fallback content while the retries go
/// on, and switches back once a connection has buffered Relay:PrebufferMs with sound in it.
/// </summary>
internal sealed partial class RelaySession : IDisposable
{
    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(100);

    private readonly Uri _url;
    private readonly RelayOptions _options;
    private readonly RelayConnector _connector;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SourceHealthDetector _detector;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _name;
    private Task? _loop;
    private volatile bool _onFallback;
    private volatile bool _everHadAudio;
    private volatile RelaySourceException? _firstFailure;

    public RelaySession(Uri url, RelayOptions options, RelayConnector connector, RelayHealth health, string name, TimeProvider time, ILogger logger)
    {
        _url = url;
        _options = options;
        _connector = connector;
        Health = health;
        _name = name;
        _time = time;
        _logger = logger;
        _detector = new SourceHealthDetector(options.NoDataTimeout, options.SilenceTimeout, options.SilenceThresholdRms, time);
        Ring = new SampleRing(Samples(options.MaxBufferMs));
    }

    public SampleRing Ring { get; }
    public RelayHealth Health { get; }

    /// <summary>Samples the relay holds before it airs the source (Relay:PrebufferMs).</summary>
    public int Prebuffer => Samples(_options.PrebufferMs);

    /// <summary>True while the reader must air the fallback content (or silence) instead of the source.</summary>
    public bool OnFallback => _onFallback;

    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>
    /// Waits until the prebuffer is full or the first attempt has failed (or the connect time and prebuffer have
    /// passed); returns the failure when no audio came at all.
    /// </summary>
    public async Task<RelaySourceException?> WaitPrebufferedAsync(CancellationToken ct)
    {
        var deadline = _time.GetUtcNow() + TimeSpan.FromMilliseconds(_options.ConnectTimeoutMs + 2L * _options.PrebufferMs + 1000);
        while (_time.GetUtcNow() < deadline)
        {
            if (Ring.Count >= Prebuffer) return null;
            if (_firstFailure is { } failure && !_everHadAudio) return failure;
            await Task.Delay(TimeSpan.FromMilliseconds(20), _time, ct);
        }
        return _everHadAudio ? null : _firstFailure ?? new RelaySourceException("the source sent no audio in time", false);
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var failuresInRow = 0;
        while (!ct.IsCancellationRequested)
        {
            var reason = await ConnectionAsync(ct, () => failuresInRow = 0);
            if (ct.IsCancellationRequested) break;
            failuresInRow++;
            Health.Failed(reason, _time.GetUtcNow());
            RelayCounters.SourceFailures.Add(1);
            LogSourceFailed(_name, _url.ToString(), failuresInRow, reason);
            if (!_onFallback && failuresInRow > _options.RetriesBeforeFallback)
            {
                _onFallback = true;
                Health.SetState(RelayState.Fallback);
                RelayCounters.Fallbacks.Add(1);
                LogFallback(_name, failuresInRow, Health.View().FallbackMediaId ?? "silence");
            }
            else if (!_onFallback)
            {
                Health.SetState(RelayState.Retrying);
            }
            var delayMs = Math.Min(_options.MaxRetryDelayMs, _options.RetryDelayMs * Math.Pow(2, Math.Min(failuresInRow - 1, 20)));
            try { await Task.Delay(TimeSpan.FromMilliseconds(delayMs), _time, ct); }
            catch (OperationCanceledException) { break; }
        }
        Health.Disconnected();
        Health.SetState(RelayState.Stopped);
    }

    /// <summary>One connection from connect to failure; returns why it ended.</summary>
    private async Task<string> ConnectionAsync(CancellationToken ct, Action healthy)
    {
        using var connectionStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        RelayConnection connection;
        try
        {
            connection = await _connector.ConnectAsync(_url, connectionStop.Token);
        }
        catch (RelaySourceException e)
        {
            _firstFailure ??= e;
            return e.Message;
        }
        catch (OperationCanceledException)
        {
            return "stopped";
        }

        using (connection)
        {
            Health.Connected(connection);
            RelayCounters.Connections.Add(1);
            LogConnected(_name, _url.ToString(), connection.ContentType, connection.StationName ?? "-");
            _detector.Reset();
            var decoding = Task.Factory.StartNew(() => RelayDecoder.Run(connection.Audio, Health.Format, samples =>
            {
                _detector.OnAudio(samples);
                var before = Ring.Dropped;
                Ring.Write(samples);
                if (Ring.Dropped != before) Health.AddDropped(Ring.Dropped - before);
                _everHadAudio = true;
            }, connectionStop.Token), connectionStop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

            string reason;
            try
            {
                reason = await WatchAsync(decoding, healthy, ct);
            }
            finally
            {
                await connectionStop.CancelAsync();
                try { await decoding; } catch { /* the reason is already known; a cancelled read throws */ }
            }
            return reason;
        }
    }

    private async Task<string> WatchAsync(Task decoding, Action healthy, CancellationToken ct)
    {
        var connectedAt = _time.GetUtcNow();
        while (true)
        {
            var tick = Task.Delay(WatchInterval, _time, ct);
            await Task.WhenAny(decoding, tick);
            if (ct.IsCancellationRequested) return "stopped";
            if (decoding.IsCompleted)
            {
                return decoding.Exception?.GetBaseException() switch
                {
                    null => "the source closed the stream",
                    RelaySourceException e => e.Message,
                    var e => $"the source's stream broke: {e.GetType().Name}: {e.Message}",
                };
            }
            switch (_detector.Check())
            {
                case SourceVerdict.NoData: return $"no audio from the source for {_options.NoDataTimeoutMs} ms";
                case SourceVerdict.Silent: return $"the source was silent (below {_options.SilenceThresholdDbfs} dBFS) for {_options.SilenceTimeoutMs} ms";
            }
            // A connection counts as healthy (the failure count starts again) once it has carried sound for a while:
            // a source that flaps, dying seconds after each reconnect, still ends up on the fallback.
            if (_detector.HeardSound && _time.GetUtcNow() - connectedAt >= _options.NoDataTimeout) healthy();
            var state = Health.State;
            if (_onFallback)
            {
                if (_detector.HeardSound && Ring.Count >= Prebuffer)
                {
                    Ring.TrimTo(Prebuffer);
                    _onFallback = false;
                    Health.SetState(RelayState.OnSource);
                    RelayCounters.Recoveries.Add(1);
                    LogRecovered(_name, _url.ToString());
                }
            }
            else if (state is RelayState.Connecting or RelayState.Retrying && Ring.Count > 0)
            {
                if (state == RelayState.Retrying) LogRecovered(_name, _url.ToString());
                Health.SetState(RelayState.OnSource);
            }
        }
    }

    private static int Samples(int ms) => (int)((long)ms * DecodedAudio.SampleRate / 1000);

    public void Dispose()
    {
        _stop.Cancel();
        // The loop ends within a watch tick (its connection is cancelled with it); do not hold the caller longer.
        try { _loop?.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        if (_loop is null || _loop.IsCompleted) _stop.Dispose(); // else the loop still holds its token; the GC takes it
    }
}
