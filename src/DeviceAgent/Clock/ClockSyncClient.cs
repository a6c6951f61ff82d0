using InfoRadio.Protocol.Clock;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent.Clock;

/// <summary>What became of a clock-sync response.</summary>
internal enum ClockResponseOutcome
{
    Accepted,
    /// <summary>No request with this seq and t0 is outstanding (a duplicate, or from before a reset).</summary>
    Unmatched,
    /// <summary>The times cannot come from a real exchange (e.g. a reply before its request).</summary>
    Implausible,
    /// <summary>Accepted, but it showed that a clock was stepped: the model restarted and a burst follows.</summary>
    Jump,
}

/// <summary>
/// Device side of the NTP-style exchange over MQTT, on the schedule of <see cref="ClockSyncSchedule"/>: a burst
/// after every connect, then fast until the drift is known, then steady. Responses become
/// <see cref="ClockSample"/>s for the <see cref="ControllerClock"/>; one that reveals a clock step starts a burst.
/// </summary>
internal sealed partial class ClockSyncClient
{
    /// <summary>Requests kept waiting for their answer; older ones are forgotten (their answer is lost anyway).</summary>
    private const int MaxPending = 32;

    private readonly ControllerClock _clock;
    private readonly TimeProvider _time;
    private readonly Func<ClockSyncRequest, CancellationToken, Task<bool>> _send;
    private readonly ILogger _logger;
    private readonly Func<bool> _playing;
    private readonly ClockSyncSchedule _schedule;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, long> _pending = [];
    private readonly Queue<long> _pendingOrder = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextSeq;

    /// <param name="send">Publishes a request; false when it could not go out (no connection).</param>
    /// <param name="playing">True while a session plays (the schedule may then keep the fast pace).</param>
    public ClockSyncClient(ControllerClock clock, TimeProvider time, Func<ClockSyncRequest, CancellationToken, Task<bool>> send,
        ILogger logger, ClockSyncSettings? settings = null, Func<bool>? playing = null)
    {
        _clock = clock;
        _time = time;
        _send = send;
        _logger = logger;
        _playing = playing ?? (() => false);
        _schedule = new ClockSyncSchedule(settings ?? new ClockSyncSettings());
    }

    public long Accepted { get; private set; }
    public long Rejected { get; private set; }
    public long Jumps { get; private set; }

    /// <summary>Sends a burst now (after a connect). The samples already taken stay: the clocks did not move.</summary>
    public void RequestBurst()
    {
        TaskCompletionSource wake;
        lock (_gate)
        {
            _schedule.RequestBurst();
            wake = _wake;
            _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        wake.TrySetResult();
    }

    /// <summary>
    /// A session started playing: a burst now puts fresh exchanges next to the envelopes' newest end, where the
    /// offset is read, instead of waiting for the fast pace to fill it (a few exchanges per broadcast).
    /// </summary>
    public void OnPlaybackStarted() => RequestBurst();

    /// <summary>The resync-clock command: forgets every sample and outstanding request, then sends a burst.</summary>
    public void Resync()
    {
        _clock.Reset();
        lock (_gate)
        {
            _pending.Clear();
            _pendingOrder.Clear();
        }
        RequestBurst();
    }

    /// <summary>Delay before the next request per the schedule; each call counts as one request.</summary>
    public TimeSpan NextDelay()
    {
        var converged = _clock.DriftConverged;
        var playing = _playing();
        lock (_gate) return _schedule.NextDelay(converged, playing);
    }

    /// <summary>Sends requests on the schedule until cancelled; a burst request cuts the current wait short.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Task wake;
                lock (_gate) wake = _wake.Task;
                var delay = NextDelay();
                if (delay > TimeSpan.Zero && !await WaitAsync(delay, wake, cancellationToken).ConfigureAwait(false)) continue;
                await SendOneAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async Task<bool> SendOneAsync(CancellationToken cancellationToken)
    {
        ClockSyncRequest request;
        lock (_gate)
        {
            request = new ClockSyncRequest { Seq = _nextSeq++, T0Us = _clock.DeviceNowUs };
            _pending[request.Seq] = request.T0Us;
            _pendingOrder.Enqueue(request.Seq);
            while (_pendingOrder.Count > MaxPending) _pending.Remove(_pendingOrder.Dequeue());
        }
        try
        {
            return await _send(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSendFailed(_logger, ex.Message);
            return false;
        }
    }

    /// <summary>Takes a parsed response; the receive instant is read from the clock here, so call it at once.</summary>
    public ClockResponseOutcome OnResponse(ClockSyncResponse response)
    {
        var t3 = _clock.DeviceNowUs;
        lock (_gate)
        {
            if (!_pending.TryGetValue(response.Seq, out var t0) || t0 != response.T0Us)
            {
                Rejected++;
                return ClockResponseOutcome.Unmatched;
            }
            _pending.Remove(response.Seq);
        }
        var sample = new ClockSample(response.T0Us, response.T1Us, response.T2Us, t3);
        switch (_clock.Add(sample))
        {
            case ClockAddResult.Implausible:
                lock (_gate) Rejected++;
                LogImplausible(_logger, response.Seq, sample.RoundTripUs);
                return ClockResponseOutcome.Implausible;
            case ClockAddResult.Jump:
                lock (_gate)
                {
                    Accepted++;
                    Jumps++;
                }
                LogJump(_logger, response.Seq, sample.OffsetUs, sample.RoundTripUs);
                RequestBurst();
                return ClockResponseOutcome.Jump;
            default:
                lock (_gate) Accepted++;
                if (_logger.IsEnabled(LogLevel.Debug))
                    LogSample(_logger, response.Seq, sample.OffsetUs, sample.RoundTripUs, _clock.OffsetUs, _clock.DriftPpm, _clock.DriftUncertaintyPpm);
                return ClockResponseOutcome.Accepted;
        }
    }

    /// <summary>Waits <paramref name="delay"/>; false when <paramref name="wake"/> completed first.</summary>
    private async Task<bool> WaitAsync(TimeSpan delay, Task wake, CancellationToken cancellationToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(delay, _time, cancel.Token);
        var first = await Task.WhenAny(timer, wake).ConfigureAwait(false);
        await cancel.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return first == timer;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Clock sample {Seq}: offset {OffsetUs} µs, round trip {RoundTripUs} µs; model now {EstimateUs} µs, drift {DriftPpm:0.000} ± {DriftUncertaintyPpm:0.000} ppm")]
    private static partial void LogSample(ILogger logger, long seq, long offsetUs, long roundTripUs, long estimateUs, double driftPpm, double driftUncertaintyPpm);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clock response {Seq} is implausible (round trip {RoundTripUs} µs); ignored")]
    private static partial void LogImplausible(ILogger logger, long seq, long roundTripUs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clock response {Seq} (offset {OffsetUs} µs, round trip {RoundTripUs} µs) shows a clock step: clock model restarted, resynchronising")]
    private static partial void LogJump(ILogger logger, long seq, long offsetUs, long roundTripUs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Clock request not sent: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string reason);
}
