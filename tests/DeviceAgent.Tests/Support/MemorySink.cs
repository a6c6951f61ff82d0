using InfoRadio.DeviceAgent.Sinks;

namespace InfoRadio.DeviceAgent.Tests.Support;

/// <summary>Records what the playout wrote: per take (open…close) the samples and when each write happened.</summary>
internal sealed class MemorySink(TimeProvider time, TimeSpan? outputLatency = null, bool realTime = true) : IAudioSink
{
    public sealed class Take(string session)
    {
        public string Session { get; } = session;
        public List<short> Samples { get; } = [];
        public List<(DateTimeOffset At, int Count)> Writes { get; } = [];
        public bool Closed { get; set; }
        public SinkTimeline? Timeline { get; init; }
    }

    private readonly Lock _gate = new();
    private Take? _current;

    public List<Take> Takes { get; } = [];
    public string Name => "memory";
    public TimeSpan OutputLatency { get; } = outputLatency ?? TimeSpan.Zero;
    public bool IsRealTime => realTime;

    public Take? Current
    {
        get { lock (_gate) return _current; }
    }

    public void Open(string session) => Open(session, null);

    public void Open(string session, SinkTimeline timeline) => Open(session, (SinkTimeline?)timeline);

    private void Open(string session, SinkTimeline? timeline)
    {
        lock (_gate)
        {
            if (_current is not null) _current.Closed = true;
            _current = new Take(session) { Timeline = timeline };
            Takes.Add(_current);
        }
    }

    public void Write(ReadOnlySpan<short> samples)
    {
        lock (_gate)
        {
            if (_current is null) throw new InvalidOperationException("write without open");
            _current.Samples.AddRange(samples);
            _current.Writes.Add((time.GetUtcNow(), samples.Length));
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            if (_current is not null) _current.Closed = true;
            _current = null;
        }
    }

    public void Dispose() => Close();
}
