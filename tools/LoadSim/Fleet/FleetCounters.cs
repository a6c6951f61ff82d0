namespace InfoRadio.LoadSim.Fleet;

/// <summary>What the whole simulated fleet saw; every field is updated with Interlocked by many agents at once.</summary>
public sealed class FleetCounters
{
    public LeadHistogram Lead { get; } = new();

    public long Connects;
    public long ConnectFailures;
    public long Disconnects;
    public long Packets;
    public long Frames;
    public long DecodedFrames;
    public long DecodeFailures;
    public long LostPackets;
    public long StrayPackets;
    public long MalformedMessages;
    public long SessionsStarted;
    public long SessionsFinished;
    public long EventsSent;
    public long ClockSamples;
    public long Commands;
}
