namespace InfoRadio.LoadSim.Fleet;

/// <summary>What the whole simulated fleet saw; every field is updated with Interlocked by many agents at once.</summary>
public sealed class FleetCounters
{
    public LeadHistogram Lead { get; } = new();

    /// <summary>Each packet's delay: arrival (controller clock) minus the capture instant of its first sample (epoch + position).</summary>
    public LeadHistogram Delay { get; } = new();

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

    /// <summary>Starts the packet figures over (lead, delay, packets, frames, losses); connection figures are kept.</summary>
    public void ResetDelivery()
    {
        Lead.Reset();
        Delay.Reset();
        Interlocked.Exchange(ref Packets, 0);
        Interlocked.Exchange(ref Frames, 0);
        Interlocked.Exchange(ref LostPackets, 0);
        Interlocked.Exchange(ref StrayPackets, 0);
    }
}
