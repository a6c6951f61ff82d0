namespace InfoRadio.Bench.Simulation;

/// <summary>
/// One direction of a link: a fixed delay, exponential jitter, now and then a spike; in order (MQTT runs over TCP,
/// so a late message holds back the ones behind it).
/// </summary>
public sealed class SimulatedLink(Random random, double baseUs, double jitterMeanUs, double spikeProbability, double spikeMaxUs)
{
    private double _lastArrivalUs = double.NegativeInfinity;

    public double BaseUs => baseUs;
    public double JitterMeanUs => jitterMeanUs;

    /// <summary>Arrival time of a message sent at <paramref name="sentUs"/> (true µs).</summary>
    public double Arrival(double sentUs)
    {
        var delay = baseUs - jitterMeanUs * Math.Log(1 - random.NextDouble());
        if (random.NextDouble() < spikeProbability) delay += random.NextDouble() * spikeMaxUs;
        _lastArrivalUs = Math.Max(_lastArrivalUs, sentUs + delay);
        return _lastArrivalUs;
    }
}
