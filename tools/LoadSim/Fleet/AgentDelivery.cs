namespace InfoRadio.LoadSim.Fleet;

/// <summary>One simulated speaker's delivery figures (written by its own receive loop, read at the end).</summary>
public sealed class AgentDelivery
{
    public long Packets;
    public long LatePackets;
    public long LostPackets;
    public long Sessions;
    public long Reconnects;
    public double MinLeadMs = double.PositiveInfinity;

    /// <summary>When the last audio packet of the chosen stream arrived (<see cref="Environment.TickCount64"/>, ms; 0: none yet).</summary>
    public long LastAudioTick;

    /// <summary>Forgets the packets seen so far (the measuring window begins); sessions and reconnects are kept.</summary>
    public void ResetPackets()
    {
        Interlocked.Exchange(ref Packets, 0);
        Interlocked.Exchange(ref LatePackets, 0);
        Interlocked.Exchange(ref LostPackets, 0);
        MinLeadMs = double.PositiveInfinity;
    }

    public void Record(double leadMs)
    {
        Interlocked.Increment(ref Packets);
        if (leadMs < 0) Interlocked.Increment(ref LatePackets);
        if (leadMs < MinLeadMs) MinLeadMs = leadMs;
    }
}
