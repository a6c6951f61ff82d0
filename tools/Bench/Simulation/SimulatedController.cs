using InfoRadio.Protocol.Messages;

namespace InfoRadio.Bench.Simulation;

/// <summary>The controller in the simulation: its clock is true time; it answers clock requests at once.</summary>
internal sealed class SimulatedController(VirtualTime time, long originUnixUs, double processingUs)
{
    public long OriginUnixUs => originUnixUs;

    /// <summary>The controller's clock (unix µs) at true time <paramref name="trueUs"/>.</summary>
    public long ClockUs(double trueUs) => originUnixUs + (long)Math.Round(trueUs);

    public void AnswerClock(SimulatedAgent agent, ClockSyncRequest request)
    {
        var t1 = ClockUs(time.NowUs);
        var response = new ClockSyncResponse { Seq = request.Seq, T0Us = request.T0Us, T1Us = t1, T2Us = t1 + (long)processingUs };
        agent.Answer(response, time.NowUs + processingUs);
    }
}
