namespace InfoRadio.DeviceAgent.Sinks;

/// <summary>Discards audio but counts it, for boxes without sound and for load tests.</summary>
internal sealed class NullSink : IAudioSink
{
    public string Name => "null";
    public TimeSpan OutputLatency => TimeSpan.Zero;
    public bool IsRealTime => false;
    public long SamplesWritten { get; private set; }

    public void Open(string session)
    {
    }

    public void Write(ReadOnlySpan<short> samples) => SamplesWritten += samples.Length;

    public void Close()
    {
    }

    public void Dispose()
    {
    }
}
