using InfoRadio.DeviceAgent.Clock;
using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfoRadio.DeviceAgent.Tests.Clock;

public sealed class ClockSyncClientTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = TestTime.NewFake();
    private readonly ControllerClock _clock;
    private readonly List<ClockSyncRequest> _sent = [];

    public ClockSyncClientTests() => _clock = new ControllerClock(_time);

    private ClockSyncClient NewClient(Func<bool>? playing = null) => new(_clock, _time, (request, _) =>
    {
        lock (_sent) _sent.Add(request);
        return Task.FromResult(true);
    }, NullLogger.Instance, new ClockSyncSettings { BurstCount = 5, BurstSpacing = TimeSpan.FromMilliseconds(200) }, playing);

    private int SentCount
    {
        get { lock (_sent) return _sent.Count; }
    }

    /// <summary>Answers as a controller whose clock is <paramref name="offsetUs"/> ahead, after a symmetric delay.</summary>
    private ClockSyncResponse Answer(ClockSyncRequest request, long offsetUs, long oneWayUs)
    {
        _time.Advance(TimeSpan.FromMicroseconds(oneWayUs));
        var t1 = _clock.DeviceNowUs + offsetUs;
        var response = new ClockSyncResponse { Seq = request.Seq, T0Us = request.T0Us, T1Us = t1, T2Us = t1 + 50 };
        _time.Advance(TimeSpan.FromMicroseconds(oneWayUs + 50));
        return response;
    }

    /// <summary>Moves the fake clock in small steps until <paramref name="count"/> requests went out (each wait is armed after the previous send).</summary>
    private async Task AdvanceUntilSentAsync(int count, TimeSpan step)
    {
        await Eventually.TrueAsync(() =>
        {
            if (SentCount < count) _time.Advance(step);
            return SentCount >= count;
        }, $"{count} requests were sent");
    }

    [Fact]
    public async Task A_burst_after_connect_sends_five_requests_apart_and_keeps_the_samples_already_taken()
    {
        var client = NewClient();
        TestTime.Synchronize(_clock, 1_234_567);
        using var cts = new CancellationTokenSource();
        var run = client.RunAsync(cts.Token);
        client.RequestBurst();

        await AdvanceUntilSentAsync(5, TimeSpan.FromMilliseconds(50));
        cts.Cancel();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([0L, 1, 2, 3, 4], _sent.Take(5).Select(r => r.Seq));
        for (var i = 1; i < 5; i++) Assert.InRange(_sent[i].T0Us - _sent[i - 1].T0Us, 200_000, 250_000);
        Assert.True(_clock.IsSynchronized, "a reconnect does not move the clocks: the samples stay");
        Assert.Equal(1_234_567, _clock.OffsetUs);
    }

    [Fact]
    public async Task Resync_forgets_the_samples_keeps_the_model_in_use_and_sends_a_burst()
    {
        var client = NewClient();
        TestTime.Synchronize(_clock, 999_999_999);
        using var cts = new CancellationTokenSource();
        var run = client.RunAsync(cts.Token);
        client.Resync();
        Assert.False(_clock.IsSynchronized);
        Assert.True(_clock.HasOffset, "the old model keeps a playing session steady until a new sample comes");
        Assert.Equal(999_999_999, _clock.OffsetUs);

        await AdvanceUntilSentAsync(5, TimeSpan.FromMilliseconds(50));
        cts.Cancel();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_estimate_rests_on_the_fastest_request_and_the_fastest_response()
    {
        var client = NewClient();
        var delays = new long[] { 40_000, 5_000, 90_000, 12_000 };
        for (var i = 0; i < 4; i++)
        {
            await client.SendOneAsync(CancellationToken.None);
            // A slow exchange here is asymmetric: most of its delay is on the way back.
            var response = Answer(_sent[i], 7_000_000, delays[i]);
            _time.Advance(TimeSpan.FromMicroseconds(delays[i] * 3));
            Assert.Equal(ClockResponseOutcome.Accepted, client.OnResponse(response));
        }

        Assert.True(_clock.IsSynchronized);
        Assert.Equal(25_000, _clock.BestRoundTripUs);
        // Delay d out and 4d back: the bounds are offset + d and offset − 4d; with d = 5 ms the middle is 7.5 ms low.
        // Within 0.2 ms: four samples over half a second say nearly nothing about drift yet.
        Assert.InRange(_clock.OffsetUs, 7_000_000 - 7_500 - 200, 7_000_000 - 7_500 + 200);
    }

    [Fact]
    public async Task Responses_that_match_no_request_or_cannot_be_real_are_rejected()
    {
        var client = NewClient();
        await client.SendOneAsync(CancellationToken.None);
        var request = _sent[0];

        Assert.Equal(ClockResponseOutcome.Unmatched, client.OnResponse(new ClockSyncResponse { Seq = 42, T0Us = request.T0Us, T1Us = 1_750_000_000_000_000, T2Us = 1_750_000_000_000_000 }));
        Assert.Equal(ClockResponseOutcome.Unmatched, client.OnResponse(new ClockSyncResponse { Seq = request.Seq, T0Us = request.T0Us + 1, T1Us = 1_750_000_000_000_000, T2Us = 1_750_000_000_000_000 }));

        var valid = Answer(request, 0, 1_000);
        Assert.Equal(ClockResponseOutcome.Accepted, client.OnResponse(valid));
        Assert.Equal(ClockResponseOutcome.Unmatched, client.OnResponse(valid)); // a duplicate
        Assert.Equal(3, client.Rejected);
        Assert.Equal(1, client.Accepted);
    }

    [Fact]
    public async Task An_implausible_exchange_is_not_used()
    {
        var client = NewClient();
        await client.SendOneAsync(CancellationToken.None);
        var request = _sent[0];
        // A controller that handled the request longer than the whole round trip took: negative network time.
        var response = new ClockSyncResponse { Seq = request.Seq, T0Us = request.T0Us, T1Us = 1_750_000_000_000_000, T2Us = 1_750_000_010_000_000 };
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(ClockResponseOutcome.Implausible, client.OnResponse(response));
        Assert.False(_clock.IsSynchronized);
    }

    [Fact]
    public async Task A_response_showing_a_clock_step_restarts_the_model_at_the_new_offset_and_sends_a_burst()
    {
        var client = NewClient();
        for (var i = 0; i < 6; i++)
        {
            await client.SendOneAsync(CancellationToken.None);
            Assert.Equal(ClockResponseOutcome.Accepted, client.OnResponse(Answer(_sent[i], 3_000_000, 20_000)));
            _time.Advance(TimeSpan.FromSeconds(2));
        }
        Assert.InRange(_clock.OffsetUs, 3_000_000 - 100, 3_000_000 + 100);

        using var cts = new CancellationTokenSource();
        var run = client.RunAsync(cts.Token);
        await AdvanceUntilSentAsync(7, TimeSpan.FromMilliseconds(100)); // the fast pace: the drift is not known yet
        var stepped = Answer(_sent[6], 3_000_000 + 1_500_000, 20_000); // the controller's clock was set 1.5 s on
        var before = SentCount; // the burst's first request may go out before OnResponse returns
        Assert.Equal(ClockResponseOutcome.Jump, client.OnResponse(stepped));
        Assert.Equal(1, client.Jumps);
        Assert.Equal(1, _clock.Jumps);
        Assert.NotNull(_clock.Model);
        Assert.InRange(_clock.OffsetUs, 4_500_000 - 100, 4_500_000 + 100);

        await AdvanceUntilSentAsync(before + 5, TimeSpan.FromMilliseconds(50));
        cts.Cancel();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        lock (_sent)
            for (var i = before + 1; i < before + 5; i++) Assert.InRange(_sent[i].T0Us - _sent[i - 1].T0Us, 200_000, 300_000);
    }

    [Fact]
    public async Task Requests_go_out_at_the_fast_pace_until_the_drift_is_known()
    {
        var client = NewClient();
        using var cts = new CancellationTokenSource();
        var run = client.RunAsync(cts.Token);
        Assert.Equal(0, SentCount); // nothing at once without a burst
        for (var i = 1; i <= 3; i++)
        {
            await Eventually.TrueAsync(() =>
            {
                _time.Advance(TimeSpan.FromMilliseconds(500));
                return SentCount >= i;
            }, $"request {i} was sent");
        }
        cts.Cancel();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        lock (_sent)
            for (var i = 1; i < 3; i++) Assert.InRange(_sent[i].T0Us - _sent[i - 1].T0Us, 2_000_000, 2_500_000);
    }
}
