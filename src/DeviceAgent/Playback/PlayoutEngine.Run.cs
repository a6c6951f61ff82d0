using System.Diagnostics;

namespace InfoRadio.DeviceAgent.Playback;

/// <summary>
/// The engine's clock: what calls <see cref="Tick"/>. On the system clock a thread of its own sleeps from tick to
/// tick (one wake-up per tick; a timer costs the runtime's timer thread and a thread-pool hop as well, which on a
/// small box was most of the agent's CPU). Other time providers (tests) drive it with a timer on that provider. Either
/// way, while there is nothing to play it does not tick at all until a session or the tone starts.
/// </summary>
internal sealed partial class PlayoutEngine
{
    /// <summary>Ticks done so far (by <see cref="RunAsync"/> or a test).</summary>
    internal long Ticks { get; private set; }

    private bool IsIdle
    {
        get { lock (_gate) return _run is null && _tone is null; }
    }

    /// <summary>Ticks every <see cref="PlayoutSettings.TickInterval"/> until cancelled, except while idle.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        _time == TimeProvider.System ? RunOnOwnThreadAsync(cancellationToken) : RunOnTimerAsync(cancellationToken);

    private Task RunOnOwnThreadAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                TickLoop(cancellationToken);
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        { IsBackground = true, Name = "playout" };
        thread.Start();
        return done.Task;
    }

    private void TickLoop(CancellationToken cancellationToken)
    {
        var interval = (long)(_settings.TickInterval.TotalSeconds * Stopwatch.Frequency);
        var next = Stopwatch.GetTimestamp() + interval;
        while (!cancellationToken.IsCancellationRequested)
        {
            var waitMs = (next - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
            if (waitMs > 0 && cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(Math.Ceiling(waitMs)))) return;
            SafeTick();
            // Behind by more than a tick (a stalled process): carry on from now rather than ticking in a burst.
            next = Math.Max(next + interval, Stopwatch.GetTimestamp());
            if (!IsIdle) continue;
            try
            {
                _wake.Wait(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            next = Stopwatch.GetTimestamp() + interval;
        }
    }

    private async Task RunOnTimerAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                // A timer exists only while there is something to play: even unawaited, it fires at every period.
                using (var timer = new PeriodicTimer(_settings.TickInterval, _time))
                {
                    while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                    {
                        SafeTick();
                        if (IsIdle) break;
                    }
                }
                await _wake.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void SafeTick()
    {
        try
        {
            Tick();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug in one tick must not silence the speaker for good.
            LogTickFailed(_logger, ex);
        }
    }
}
