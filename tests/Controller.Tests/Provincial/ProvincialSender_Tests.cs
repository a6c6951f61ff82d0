using System.Text.Json;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Provincial;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Provincial;

/// <summary>
/// The acceptance test: pushes to a real local HTTP receiver that fails (500), times out after storing, goes
/// away and comes back; every daily report ends up stored exactly once, under one key, with identical bytes on every
/// retry. Backoff and timeouts run on a fake clock; the HTTP is real.
/// </summary>
public sealed class ProvincialSender_Tests : IAsyncLifetime
{
    private const string Token = "province-secret-token";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero));
    private readonly TestDatabase _db = new();
    private readonly CancellationTokenSource _stop = new();
    private ProvinceReceiver _receiver = null!;
    private ServiceProvider _http = null!;

    public async Task InitializeAsync()
    {
        _receiver = new ProvinceReceiver(_time);
        await _receiver.StartAsync();
        _http = new ServiceCollection().AddHttpClient(ProvincialSender.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan).Services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _receiver.DisposeAsync();
        await _http.DisposeAsync();
        _db.Dispose();
    }

    private IOptions<ProvincialOptions> Options() => Microsoft.Extensions.Options.Options.Create(new ProvincialOptions
    {
        Endpoint = _receiver.Url, AllowInsecureHttp = true, Token = Token, SourceId = "08980",
        RequestTimeoutSeconds = 5, InitialBackoffSeconds = 2, MaxBackoffSeconds = 16,
    });

    private ProvincialSender Sender(ProvincialOutbox outbox) =>
        new(outbox, _http.GetRequiredService<IHttpClientFactory>(), Options(), _time, NullLogger<ProvincialSender>.Instance) { Random = () => 0.5 };

    private ProvincialPublisher Publisher(ProvincialOutbox outbox) => new(outbox, new CountingReports(), new DeviceRegistry(_db.Database, _time,
        NullLogger<DeviceRegistry>.Instance), new InMemoryTargetDirectory([], [], []), Options(), _time, NullLogger<ProvincialPublisher>.Instance);

    [Fact]
    public async Task Every_report_is_delivered_exactly_once_through_failures_a_timeout_and_an_outage()
    {
        var outbox = new ProvincialOutbox(_db.Database, Options(), _time);
        var publisher = Publisher(outbox);
        var days = Enumerable.Range(1, 3).Select(i => new DateOnly(2026, 11, 26 + i)).ToArray();
        foreach (var day in days) Assert.True(await publisher.EnqueueDailyReportAsync(day, default));
        // Making a day's report again is a no-op: one key per day.
        Assert.False(await publisher.EnqueueDailyReportAsync(days[0], default));

        var sender = Sender(outbox);
        await sender.StartAsync(_stop.Token);

        // 1. The receiver answers 500: retried with backoff, nothing delivered.
        _receiver.Current = ProvinceReceiver.Mode.Fail500;
        await FakeClock.AdvanceUntilAsync(_time, () => _receiver.Attempts.Count >= 3, "three failed attempts");
        Assert.Equal(0, outbox.Count(OutboxState.Delivered));

        // 2. It stores the message but never answers: the sender times out (5 s on its clock) and must retry the same key.
        _receiver.Current = ProvinceReceiver.Mode.StoreThenHang;
        await FakeClock.AdvanceUntilAsync(_time, () => _receiver.HungAndAborted >= 1 && outbox.Find(_receiver.Stored.Keys.First())?.Attempts > 3,
            "a stored message timed out");
        Assert.Contains("no answer within 5 s", outbox.Find(_receiver.Stored.Keys.First())!.LastError);

        // 3. It goes away (connection refused); another report is made meanwhile.
        await _receiver.StopAsync();
        var refusedFrom = _receiver.Attempts.Count;
        var lateDay = new DateOnly(2026, 11, 30);
        Assert.True(await publisher.EnqueueDailyReportAsync(lateDay, default));
        await FakeClock.AdvanceUntilAsync(_time, () => outbox.List(OutboxState.Pending, 10).Any(m => m.LastError?.StartsWith("the request failed") == true),
            "a refused connection");
        Assert.Equal(refusedFrom, _receiver.Attempts.Count);

        // 4. It comes back on the same port and answers: everything is delivered.
        _receiver.Current = ProvinceReceiver.Mode.Ok;
        await _receiver.StartAsync();
        await FakeClock.AdvanceUntilAsync(_time, () => outbox.Count(OutboxState.Pending) == 0, "the outbox is empty", TimeSpan.FromSeconds(2));

        var expected = days.Append(lateDay).Select(d => ProvincialPublisher.DailyReportKey("08980", d)).Order().ToArray();
        Assert.Equal(expected, _receiver.Stored.Keys.Order().ToArray());
        foreach (var key in expected)
        {
            var message = outbox.Find(key)!;
            Assert.Equal(OutboxState.Delivered, message.State);
            // Same key, same bytes on every attempt: the receiver may keep whichever it got first.
            var attempts = _receiver.Attempts.Where(a => a.Key == key).ToArray();
            Assert.All(attempts, a => Assert.Equal(message.Body, a.Body));
            Assert.All(attempts, a => Assert.Equal(("Bearer " + Token, OutboxKinds.DailyReport), (a.Authorization, a.Kind)));
            var envelope = JsonDocument.Parse(_receiver.Stored[key]).RootElement;
            Assert.Equal((key, "daily-report", "08980"), (envelope.GetProperty("id").GetString(), envelope.GetProperty("kind").GetString(), envelope.GetProperty("source").GetString()));
            Assert.Equal(key[^10..], envelope.GetProperty("payload").GetProperty("day").GetString());
        }
        // The timed-out message reached the receiver at least twice, and is stored once.
        Assert.Contains(_receiver.Attempts.GroupBy(a => a.Key), g => g.Count(a => a.Mode != ProvinceReceiver.Mode.Fail500) >= 2);

        // Nothing more is sent once all is delivered.
        var total = _receiver.Attempts.Count;
        for (var i = 0; i < 20; i++) { _time.Advance(TimeSpan.FromMinutes(1)); await Task.Delay(10); }
        Assert.Equal(total, _receiver.Attempts.Count);
        await sender.StopAsync(default);
    }

    [Fact]
    public async Task Failed_attempts_wait_longer_each_time_with_jitter_and_the_same_key()
    {
        var outbox = new ProvincialOutbox(_db.Database, Options(), _time);
        outbox.Enqueue(OutboxKinds.DeviceStatus, "device-status:x:1", new { n = 1 });
        _receiver.Current = ProvinceReceiver.Mode.Fail500;
        var sender = Sender(outbox);
        await sender.StartAsync(_stop.Token);
        await FakeClock.AdvanceUntilAsync(_time, () => _receiver.Attempts.Count >= 6, "six attempts", TimeSpan.FromMilliseconds(250));
        await sender.StopAsync(default);

        var at = _receiver.Attempts.Select(a => a.At).ToArray();
        var gaps = at.Zip(at.Skip(1), (a, b) => (b - a).TotalSeconds).ToArray();
        // Random 0.5 → ¾ of 2, 4, 8, 16, 16 s (capped); the clock moves in 0.25 s steps.
        double[] expected = [1.5, 3, 6, 12, 12];
        for (var i = 0; i < expected.Length; i++) Assert.InRange(gaps[i], expected[i], expected[i] + 0.5);
        Assert.All(_receiver.Attempts, a => Assert.Equal("device-status:x:1", a.Key));
        Assert.Equal(6, outbox.Find("device-status:x:1")!.Attempts);
    }

    [Fact]
    public async Task The_outbox_survives_a_restart_and_the_message_goes_out_after_it_with_the_key_it_had()
    {
        var outbox = new ProvincialOutbox(_db.Database, Options(), _time);
        Assert.True(outbox.Enqueue(OutboxKinds.BulletinConfirmation, "bulletin-confirmation:b1", new { bulletinId = "b1" }));
        var body = outbox.Find("bulletin-confirmation:b1")!.Body;
        _receiver.Current = ProvinceReceiver.Mode.Fail500;
        var sender = Sender(outbox);
        await sender.StartAsync(_stop.Token);
        await FakeClock.AdvanceUntilAsync(_time, () => _receiver.Attempts.Count >= 2, "two failed attempts");
        await sender.StopAsync(default);

        // The controller stops; its database is opened again by the next run.
        var reopened = new ProvincialOutbox(_db.Reopen(), Options(), _time);
        var kept = reopened.Find("bulletin-confirmation:b1")!;
        Assert.Equal((OutboxState.Pending, body), (kept.State, kept.Body));
        Assert.True(kept.Attempts >= 2);
        Assert.False(reopened.Enqueue(OutboxKinds.BulletinConfirmation, "bulletin-confirmation:b1", new { bulletinId = "b1", other = true }));

        _receiver.Current = ProvinceReceiver.Mode.Ok;
        using var stop = new CancellationTokenSource();
        var next = Sender(reopened);
        await next.StartAsync(stop.Token);
        await FakeClock.AdvanceUntilAsync(_time, () => reopened.Count(OutboxState.Delivered) == 1, "delivered after the restart");
        await next.StopAsync(default);
        Assert.Equal(body, _receiver.Stored["bulletin-confirmation:b1"]);
    }

    [Fact]
    public async Task A_message_older_than_the_dead_age_is_marked_dead_counted_and_no_longer_sent()
    {
        var options = Options();
        options.Value.DeadAfterHours = 1;
        var outbox = new ProvincialOutbox(_db.Database, options, _time);
        outbox.Enqueue(OutboxKinds.DeviceStatus, "device-status:old", new { });
        _receiver.Current = ProvinceReceiver.Mode.Fail500;
        var logger = new CapturingLogger<ProvincialSender>();
        var sender = new ProvincialSender(outbox, _http.GetRequiredService<IHttpClientFactory>(), options, _time, logger) { Random = () => 0.5 };
        await sender.StartAsync(_stop.Token);
        await FakeClock.AdvanceUntilAsync(_time, () => outbox.Count(OutboxState.Dead) == 1, "the message is dead", TimeSpan.FromSeconds(20));
        var attempts = _receiver.Attempts.Count;
        for (var i = 0; i < 10; i++) { _time.Advance(TimeSpan.FromMinutes(5)); await Task.Delay(10); }
        await sender.StopAsync(default);
        Assert.Equal(attempts, _receiver.Attempts.Count);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("device-status:old is dead"));
    }

    private sealed class CountingReports : IDailyReportSource
    {
        public Task<DailyReportPayload> BuildAsync(DateOnly day, CancellationToken ct) => Task.FromResult(new DailyReportPayload(day,
            new DailyDeviceCounts(3, 2, 1, 0), new DailyBroadcastCounts(day.Day, day.Day, 0, 60L * day.Day, 0), [], []));
    }
}
