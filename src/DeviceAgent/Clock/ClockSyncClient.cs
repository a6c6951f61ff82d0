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
}

/// <summary>
/// Device side of the NTP-style exchange over MQTT: a short burst after every connect (so playout can start at
/// once with a good estimate), then one request per interval. Responses become <see cref="ClockSample"/>s.
/// </summary>
internal sealed partial class ClockSyncClient
{
    /// <summary>Requests kept waiting for their answer; older ones are forgotten (their answer is lost anyway).</summary>
    private const int MaxPending = 32;

    private readonly ControllerClock _clock;
    private readonly TimeProvider _time;
    private readonly Func<ClockSyncRequest, CancellationToken, Task<bool>> _send;
    private readonly ILogger _logger;
    private readonly int _burstCount;
    private readonly TimeSpan _burstSpacing;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, long> _pending = [];
    private readonly Queue<long> _pendingOrder = new();
    private long _nextSeq;

    /// <param name="send">Publishes a request; false when it could not go out (no connection).</param>
    public ClockSyncClient(ControllerClock clock, TimeProvider time, Func<ClockSyncRequest, CancellationToken, Task<bool>> send,
        ILogger logger, int burstCount = 4, TimeSpan? burstSpacing = null)
    {
        _clock = clock;
        _time = time;
        _send = send;
        _logger = logger;
        _burstCount = burstCount;
        _burstSpacing = burstSpacing ?? TimeSpan.FromMilliseconds(200);
    }

    public long Accepted { get; private set; }
    public long Rejected { get; private set; }

    /// <summary>Forgets all samples and outstanding requests, then sends a burst of requests.</summary>
    public async Task ResyncAsync(CancellationToken cancellationToken)
    {
        _clock.Reset();
        lock (_gate)
        {
            _pending.Clear();
            _pendingOrder.Clear();
        }
        for (var i = 0; i < _burstCount; i++)
        {
            if (i > 0) await Task.Delay(_burstSpacing, _time, cancellationToken).ConfigureAwait(false);
            await SendOneAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends one request every <paramref name="interval"/> until cancelled.</summary>
    public async Task RunPeriodicAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                await SendOneAsync(cancellationToken).ConfigureAwait(false);
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
            request = new ClockSyncRequest { Seq = _nextSeq++, T0Us = DeviceTime.NowUs(_time) };
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
        var t3 = DeviceTime.NowUs(_time);
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
        if (!_clock.Add(sample))
        {
            lock (_gate) Rejected++;
            LogImplausible(_logger, response.Seq, sample.RoundTripUs);
            return ClockResponseOutcome.Implausible;
        }
        lock (_gate) Accepted++;
        LogSample(_logger, response.Seq, sample.OffsetUs, sample.RoundTripUs, _clock.OffsetUs);
        return ClockResponseOutcome.Accepted;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Clock sample {Seq}: offset {OffsetUs} µs, round trip {RoundTripUs} µs; estimate now {EstimateUs} µs")]
    private static partial void LogSample(ILogger logger, long seq, long offsetUs, long roundTripUs, long estimateUs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clock response {Seq} is implausible (round trip {RoundTripUs} µs); ignored")]
    private static partial void LogImplausible(ILogger logger, long seq, long roundTripUs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Clock request not sent: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string reason);
}
