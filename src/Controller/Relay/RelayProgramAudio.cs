using InfoRadio.Controller.Audio;

namespace InfoRadio.Controller.Relay;

/// <summary>
/// A relayed HTTP/Icecast MP3 stream as a program of a fixed length (a live relay's asked duration, a scheduled
/// slot's length). Each <see cref="Open"/> connects anew (a preempted slot resuming opens its rest); the health is
/// shared by all of them. A source that cannot be reached still yields the full length: fallback or silence while it
/// is retried, so a relay never ends a session early.
/// </summary>
public sealed class RelayProgramAudio : ProgramAudio, IOnAirAudio
{
    private readonly Uri _url;
    private readonly long _sampleCount;
    private readonly RelayRuntime _runtime;
    private readonly string _name;
    private RelayReader? _primed;
    private RelayReader? _current;

    internal RelayProgramAudio(Uri url, long sampleCount, RelayHealth health, string name, RelayRuntime runtime)
    {
        _url = url;
        _sampleCount = sampleCount;
        Health = health;
        _name = name;
        _runtime = runtime;
    }

    public RelayHealth Health { get; }
    public Uri Url => _url;

    public override long SampleCount => _sampleCount;
    public override string SourceFormat => $"MP3 stream relay of {_url}";

    public string? AirReport => Health.Summary();

    public override ProgramAudioReader Open()
    {
        var reader = Interlocked.Exchange(ref _primed, null) ?? NewReader();
        _current = reader;
        return reader;
    }

    /// <summary>
    /// Connects now and waits for the prebuffer, so that a live relay is announced with audio in hand; the next
    /// <see cref="Open"/> takes this connection. Returns why no audio came, when none did (the relay still runs).
    /// </summary>
    public async Task<RelaySourceException?> PrimeAsync(CancellationToken ct)
    {
        var reader = NewReader();
        var old = Interlocked.Exchange(ref _primed, reader);
        old?.Dispose();
        return await reader.Session.WaitPrebufferedAsync(ct);
    }

    /// <summary>Drops a primed connection that will not be opened (the broadcast could not start).</summary>
    public void Discard() => Interlocked.Exchange(ref _primed, null)?.Dispose();

    public void OnAir(long epochUs, int sendAheadMs) => _current?.Anchor(epochUs, sendAheadMs);

    protected override ProgramAudio Tail(long from) => new RelayProgramAudio(_url, _sampleCount - from, Health, _name, _runtime);

    private RelayReader NewReader()
    {
        var session = new RelaySession(_url, _runtime.Options, _runtime.Connector, Health, _name, _runtime.Time, _runtime.Logger);
        session.Start();
        return new RelayReader(session, _sampleCount, _runtime.Fallback(Health.View().FallbackMediaId), _runtime.Options.DeadlineMarginMs, _runtime.Time);
    }
}
