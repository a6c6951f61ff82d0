using InfoRadio.Protocol.Link;

namespace InfoRadio.Protocol.Tests.Link;

public sealed class UncutTests
{
    [Fact]
    public async Task A_cancelled_caller_stops_waiting_but_the_send_itself_is_never_cancelled()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationToken given = default;
        var finished = false;
        using var cts = new CancellationTokenSource();
        var call = Uncut.SendAsync(async token =>
        {
            given = token;
            await release.Task;
            finished = true;
            return 42;
        }, cts.Token);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.False(given.CanBeCanceled); // the write underneath cannot be cut short
        Assert.False(finished);
        release.SetResult();
        await Task.Run(async () => { while (!Volatile.Read(ref finished)) await Task.Delay(5); }).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Without_cancellation_it_is_the_send_result_or_its_exception()
    {
        Assert.Equal(7, await Uncut.SendAsync(_ => Task.FromResult(7), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Uncut.SendAsync<int>(_ => Task.FromException<int>(new InvalidOperationException("refused")), CancellationToken.None));
    }
}
