using InfoRadio.DeviceAgent.Sinks;

namespace InfoRadio.DeviceAgent.Tests.Support;

/// <summary>Counts what the playout wrote, per take, without keeping the audio (for hours of playout).</summary>
internal sealed class CountingSink(bool realTime, TimeSpan? outputLatency = null) : IAudioSink
{
    public sealed class Take(string session, SinkTimeline? timeline)
    {
        public string Session { get; } = session;
        public SinkTimeline? Timeline { get; } = timeline;
        public long Samples { get; set; }
        public int LargestWrite { get; set; }
        public bool Closed { get; set; }
    }

    public List<Take> Takes { get; } = [];
    public Take? Current { get; private set; }
    public string Name => "counting";
    public TimeSpan OutputLatency { get; } = outputLatency ?? TimeSpan.Zero;
    public bool IsRealTime => realTime;

    public void Open(string session) => Open(session, null);

    public void Open(string session, SinkTimeline timeline) => Open(session, (SinkTimeline?)timeline);

    private void Open(string session, SinkTimeline? timeline)
    {
        Close();
        Current = new Take(session, timeline);
        Takes.Add(Current);
    }

    public void Write(ReadOnlySpan<short> samples)
    {
        var take = Current ?? throw new InvalidOperationException("write without open");
        take.Samples += samples.Length;
        take.LargestWrite = Math.Max(take.LargestWrite, samples.Length);
    }

    public void Close()
    {
        if (Current is not null) Current.Closed = true;
        Current = null;
    }

    public void Dispose() => Close();
}
