using InfoRadio.DeviceAgent.Clock;
using InfoRadio.Protocol;

namespace InfoRadio.DeviceAgent.Playback;

/// <summary>
/// Pure, one per run: decides block by block whether the playout takes one stream sample more or fewer than it
/// writes sink samples. Two parts:
/// <list type="bullet">
/// <item><b>Rate</b>: once the clock estimator says the drift has converged, and the drift stands out of its own
/// uncertainty, the playout follows it at an even pace (at 100 ppm one sample every 208 ms). Before that it runs
/// one to one: a drift still being learnt is mostly noise, and following it made speakers on one clock wander by
/// several samples in seconds.</item>
/// <item><b>Position</b>: the distance between the cursor and where the clock model puts the stream is left alone
/// inside a deadband, so that the model's small moves from exchange to exchange never move samples; past it the
/// playout closes the distance one sample per block, all the way (to under a sample). The deadband is wide while
/// the drift is unconverged (the model moves more then, and a real drift of 100 ppm needs 10 s to cross 1 ms)
/// and narrow after.</item>
/// </list>
/// A whole block without correction separates any two, so each is spread over a block and the pitch never moves by
/// more than 0.2 % (closing in goes at one sample per 20 ms).
/// </summary>
internal sealed class DriftCorrector(PlayoutSettings settings)
{
    /// <summary>A drift followed must exceed its standard uncertainty this many times: otherwise it is noise around zero.</summary>
    internal const double SignificanceSigmas = 3;

    private readonly double _deadband = settings.Deadband.TotalSeconds * ProtocolVersion.SampleRate;
    private readonly double _unconvergedDeadband = settings.UnconvergedDeadband.TotalSeconds * ProtocolVersion.SampleRate;
    private long _sinceCorrection = long.MaxValue / 2;
    private double _carry;
    private bool _closing;
    private bool _converged;

    /// <summary>True while the position is being closed in (it left the deadband).</summary>
    public bool Closing => _closing;

    /// <summary>
    /// Stream samples to take for a block of <paramref name="sinkSamples"/>: one more (the playout is behind the
    /// model or the controller's clock runs faster), one fewer, or the same.
    /// </summary>
    /// <param name="errorSamples">Cursor minus the stream position the model puts at the block's first instant.</param>
    /// <param name="estimate">The clock estimate now.</param>
    public int StreamSamples(int sinkSamples, double errorSamples, DriftEstimate estimate)
    {
        // Once converged, the drift stays known for the run: an uncertainty that grows a little past the limit
        // (a few slow exchanges) does not make the last estimate worse than none.
        _converged |= estimate.Converged;
        estimate = estimate with { Converged = _converged };
        var deadband = _converged ? _deadband : _unconvergedDeadband;
        if (Math.Abs(errorSamples) >= Math.Max(1, deadband)) _closing = true;
        else if (Math.Abs(errorSamples) < 1) _closing = false;

        var step = 0;
        if (_closing)
        {
            // The error already holds whatever the drift did meanwhile; the rate starts afresh after.
            _carry = 0;
            step = errorSamples <= -1 ? 1 : errorSamples >= 1 ? -1 : 0;
        }
        else
        {
            _carry += sinkSamples * Followed(estimate) * 1e-6;
            step = _carry >= 1 ? 1 : _carry <= -1 ? -1 : 0;
        }
        if (step != 0 && (_sinceCorrection < PlayoutEngine.BlockSamples || sinkSamples < PlayoutEngine.BlockSamples / 2)) step = 0;
        if (step == 0)
        {
            _sinceCorrection += sinkSamples;
            return sinkSamples;
        }
        _sinceCorrection = 0;
        if (!_closing) _carry -= step;
        return sinkSamples + step;
    }

    /// <summary>The drift the playout follows, ppm: none until converged, none when indistinguishable from zero.</summary>
    internal static double Followed(DriftEstimate estimate) =>
        estimate.Converged && Math.Abs(estimate.DriftPpm) >= SignificanceSigmas * estimate.UncertaintyPpm ? estimate.DriftPpm : 0;
}
