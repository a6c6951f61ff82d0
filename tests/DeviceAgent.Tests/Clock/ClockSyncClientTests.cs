using InfoRadio.DeviceAgent.Clock;
using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfoRadio.DeviceAgent.Tests.Clock;

public sealed class ClockSyncClientTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = TestTime.NewFake();
    private readonly ControllerClock _clock = new();
    private readonly List<ClockSyncRequest> _sent = [];

    private ClockSyncClient NewClient() => new(_clock, _time, (request, _) =>
    {
        lock (_sent) _sent.Add(request);
        return Task.FromResult(true);
    }, NullLogger.Instance, burstCount: 4, burstSpacing: TimeSpan.FromMilliseconds(200));

    /// <summary>Answers as a controller whose clock is <paramref name="offsetUs"/> ahead, after a symmetric delay.</summary>
    private ClockSyncResponse Answer(ClockSyncRequest request, long offsetUs, long oneWayUs)
    {
        _time.Advance(TimeSpan.FromMicroseconds(oneWayUs));
        var t1 = DeviceTime.NowUs(_time) + offsetUs;
        var response = new ClockSyncResponse { Seq = request.Seq, T0Us = request.T0Us, T1Us = t1, T2Us = t1 + 50 };
        _time.Advance(TimeSpan.FromMicroseconds(oneWayUs + 50));
        return response;
    }

    [Fact]
    public async Task A_burst_after_connect_resets_the_estimate_and_sends_several_requests()
    {
        var client = NewClient();
        TestTime.Synchronize(_clock, _time, 999_999_999); // a stale estimate from before the reconnect
        var burst = client.ResyncAsync(CancellationToken.None);
        Assert.False(_clock.IsSynchronized);
        Assert.True(_clock.HasOffset); // the old offset keeps a playing session steady meanwhile

        // Each delay is armed only after the previous send: move the clock in small steps until all went out.
        await Eventually.TrueAsync(() =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(50));
            lock (_sent) return _sent.Count == 4;
        }, "the burst was sent");
        await burst.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(4, _sent.Count);
        Assert.Equal([0L, 1, 2, 3], _sent.Select(r => r.Seq));
        Assert.True(_sent[3].T0Us - _sent[0].T0Us >= 600_000, "the requests are spread out, not sent at once");
    }

    [Fact]
    public async Task The_estimate_rests_on_the_exchange_with_the_shortest_round_trip()
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
        // Delay d out and 4d back: round trip 5d, offset error 1.5d. The d = 5 ms exchange is the one trusted.
        Assert.Equal(25_000, _clock.BestRoundTripUs);
        Assert.Equal(7_000_000 - 7_500, _clock.OffsetUs);
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
    public async Task One_request_goes_out_per_interval()
    {
        var client = NewClient();
        using var cts = new CancellationTokenSource();
        var periodic = client.RunPeriodicAsync(TimeSpan.FromSeconds(60), cts.Token);
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(60));
            await Eventually.TrueAsync(() => { lock (_sent) return _sent.Count == i + 1; }, $"request {i + 1} was sent");
        }
        cts.Cancel();
        await periodic;
    }
}
