namespace InfoRadio.Controller.Relay;

/// <summary>The running tally of one relay (every connection and fallback it went through). Thread-safe.</summary>
public sealed class RelayHealth(string url, string? fallbackMediaId)
{
    private readonly Lock _gate = new();
    private RelayState _state = RelayState.Connecting;
    private bool _connected;
    private int _connections;
    private int _failures;
    private int _fallbacks;
    private int _recoveries;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private string? _format;
    private string? _station;
    private Func<string?>? _title;
    private long _droppedSamples;
    private long _filledSamples;

    public RelayState State
    {
        get { lock (_gate) return _state; }
    }

    public int Fallbacks
    {
        get { lock (_gate) return _fallbacks; }
    }

    public int Recoveries
    {
        get { lock (_gate) return _recoveries; }
    }

    public int Failures
    {
        get { lock (_gate) return _failures; }
    }

    public string? LastError
    {
        get { lock (_gate) return _lastError; }
    }

    internal void SetState(RelayState state)
    {
        lock (_gate)
        {
            if (state == RelayState.Fallback && _state != RelayState.Fallback) _fallbacks++;
            if (state == RelayState.OnSource && _state == RelayState.Fallback) _recoveries++;
            _state = state;
        }
    }

    internal void Connected(RelayConnection connection)
    {
        lock (_gate)
        {
            _connected = true;
            _connections++;
            _station = connection.StationName ?? _station;
            _title = () => connection.StreamTitle;
        }
    }

    internal void Format(string format)
    {
        lock (_gate) _format = format;
    }

    internal void Failed(string error, DateTimeOffset at)
    {
        lock (_gate)
        {
            _connected = false;
            _failures++;
            _lastError = error;
            _lastErrorAt = at;
        }
    }

    internal void Disconnected()
    {
        lock (_gate) _connected = false;
    }

    internal void AddDropped(long samples) => Interlocked.Add(ref _droppedSamples, samples);

    internal void AddFilled(long samples) => Interlocked.Add(ref _filledSamples, samples);

    public RelayHealthView View()
    {
        lock (_gate)
        {
            return new RelayHealthView(url, Api.ApiBody.Token(_state), _connected, _connections, _failures, _fallbacks, _recoveries,
                _lastError, _lastErrorAt, _format, _station, _title?.Invoke(), fallbackMediaId,
                Interlocked.Read(ref _droppedSamples) / 48, Interlocked.Read(ref _filledSamples) / 48);
        }
    }

    /// <summary>One line for the broadcast's record when something happened (null when the source simply played).</summary>
    public string? Summary()
    {
        lock (_gate)
        {
            if (_failures == 0) return null;
            var fallback = _fallbacks > 0 ? $", {_fallbacks} fallback(s) to {(fallbackMediaId is null ? "silence" : "media " + fallbackMediaId)}, {_recoveries} recovery(ies)" : "";
            return $"relay of {url}: {_failures} source failure(s){fallback}; last error: {_lastError}";
        }
    }
}
