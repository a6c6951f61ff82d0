using InfoRadio.Controller.Broker;

namespace InfoRadio.Controller.Tests.Broker;

public sealed class SecretCheckWorkersTests
{
    [Fact]
    public async Task Checks_return_their_results_and_exceptions()
    {
        var workers = new SecretCheckWorkers(2);

        Assert.True(await workers.CheckAsync(() => true));
        Assert.False(await workers.CheckAsync(() => false));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => workers.CheckAsync(() => throw new InvalidOperationException("broken store")));
        Assert.Equal("broken store", ex.Message);
    }

    [Fact]
    public async Task No_more_than_the_workers_run_at_once_and_every_check_runs()
    {
        var workers = new SecretCheckWorkers(2);
        var running = 0;
        var most = 0;
        var ran = 0;
        bool Check()
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Thread.Sleep(5); // as PBKDF2 holds its thread
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref ran);
            return true;
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => workers.CheckAsync(Check)));

        Assert.All(results, Assert.True);
        Assert.Equal(40, ran);
        Assert.InRange(most, 1, 2);
        Assert.Equal(0, workers.Waiting);
    }

    [Fact]
    public async Task Checks_run_on_threads_of_their_own_not_the_thread_pool()
    {
        var workers = new SecretCheckWorkers(1);
        string? name = null;
        bool? pool = null;

        await workers.CheckAsync(() =>
        {
            name = Thread.CurrentThread.Name;
            pool = Thread.CurrentThread.IsThreadPoolThread;
            return true;
        });

        Assert.Equal("secret-check", name);
        Assert.False(pool);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
