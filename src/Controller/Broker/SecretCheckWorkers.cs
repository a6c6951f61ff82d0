namespace InfoRadio.Controller.Broker;

/// <summary>
/// Runs the PBKDF2 checks of device secrets on at most N threads of their own, one after another, and hands each
/// result back to the waiting connection. After a restart thousands of speakers connect within seconds: checked on the
/// thread pool without a bound they took every core and a live broadcast's input went unread for 10 s; bounded with an
/// async semaphore, each check waited for a turn of the saturated pool, and 2,000 reconnects took 47 s instead of 17.
/// Here the checks run back to back on threads of their own, which the kernel shares the cores with the thread pool,
/// and the pool's queue holds no PBKDF2. (Not at a lower priority: a Linux thread's nice value passes to the threads
/// it creates, thread pool workers included, and the storm's logins then got too little CPU.) An idle worker ends
/// after a few seconds.
/// </summary>
public sealed class SecretCheckWorkers
{
    private static readonly TimeSpan IdleExit = TimeSpan.FromSeconds(5);

    private readonly Queue<(Func<bool> Check, TaskCompletionSource<bool> Done)> _queue = new();
    private readonly object _gate = new();
    private readonly int _workers;
    private int _running;

    public SecretCheckWorkers(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _workers = workers;
    }

    /// <summary>Checks waiting for a worker now.</summary>
    public int Waiting
    {
        get { lock (_gate) return _queue.Count; }
    }

    /// <summary>Runs <paramref name="check"/> on a worker; its result (or exception) completes the task, off the worker.</summary>
    public Task<bool> CheckAsync(Func<bool> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _queue.Enqueue((check, done));
            if (_running < _workers)
            {
                _running++;
                new Thread(Work) { IsBackground = true, Name = "secret-check" }.Start();
            }
            else
            {
                Monitor.Pulse(_gate);
            }
        }
        return done.Task;
    }

    private void Work()
    {
        while (true)
        {
            (Func<bool> Check, TaskCompletionSource<bool> Done) next;
            lock (_gate)
            {
                while (_queue.Count == 0)
                {
                    if (!Monitor.Wait(_gate, IdleExit) && _queue.Count == 0)
                    {
                        _running--;
                        return;
                    }
                }
                next = _queue.Dequeue();
            }
            try
            {
                next.Done.SetResult(next.Check());
            }
            catch (Exception ex)
            {
                next.Done.SetException(ex);
            }
        }
    }
}
