using InfoRadio.Controller.Security;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Security;

public sealed class FailureLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private FailureLimiter Limiter(int max = 3, int window = 60, int lockout = 30, int maxLockout = 240, int keys = 100) =>
        new(new FailureLimitOptions { MaxFailures = max, WindowSeconds = window, LockoutSeconds = lockout, MaxLockoutSeconds = maxLockout, MaxTrackedKeys = keys }, _time);

    [Fact]
    public void The_Nth_failure_within_the_window_starts_a_lockout_that_ends_on_time()
    {
        var limiter = Limiter();
        Assert.Null(limiter.RecordFailure("a"));
        Assert.Null(limiter.RecordFailure("a"));
        Assert.Equal(TimeSpan.Zero, limiter.LockedFor("a"));

        Assert.Equal(TimeSpan.FromSeconds(30), limiter.RecordFailure("a"));
        Assert.Equal(TimeSpan.FromSeconds(30), limiter.LockedFor("a"));
        Assert.Equal(TimeSpan.Zero, limiter.LockedFor("b"));

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.LockedFor("a"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, limiter.LockedFor("a"));
    }

    [Fact]
    public void Failures_spread_wider_than_the_window_never_lock()
    {
        var limiter = Limiter(window: 10);
        for (var i = 0; i < 20; i++)
        {
            Assert.Null(limiter.RecordFailure("a"));
            if (i % 2 == 1) _time.Advance(TimeSpan.FromSeconds(10));
        }
        Assert.Equal(TimeSpan.Zero, limiter.LockedFor("a"));
    }

    [Fact]
    public void Attempts_during_a_lockout_neither_extend_it_nor_start_another()
    {
        var limiter = Limiter();
        for (var i = 0; i < 3; i++) limiter.RecordFailure("a");
        for (var i = 0; i < 100; i++)
        {
            Assert.Null(limiter.RecordFailure("a"));
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }
        Assert.Equal(TimeSpan.FromSeconds(20), limiter.LockedFor("a"));
    }

    [Fact]
    public void Lockouts_in_a_row_double_up_to_the_maximum_and_start_over_after_quiet()
    {
        var limiter = Limiter(lockout: 30, maxLockout: 100);
        var lockouts = new List<TimeSpan>();
        for (var round = 0; round < 4; round++)
        {
            TimeSpan? started = null;
            for (var i = 0; i < 3; i++) started ??= limiter.RecordFailure("a");
            lockouts.Add(started!.Value);
            _time.Advance(started.Value);
        }
        Assert.Equal([30, 60, 100, 100], lockouts.Select(l => (int)l.TotalSeconds));

        _time.Advance(TimeSpan.FromSeconds(100)); // quiet for the longest lockout: forgiven
        TimeSpan? again = null;
        for (var i = 0; i < 3; i++) again ??= limiter.RecordFailure("a");
        Assert.Equal(TimeSpan.FromSeconds(30), again);
    }

    [Fact]
    public void A_success_forgets_failures_but_not_a_lockout_in_force()
    {
        var limiter = Limiter();
        limiter.RecordFailure("a");
        limiter.RecordFailure("a");
        limiter.RecordSuccess("a");
        Assert.Null(limiter.RecordFailure("a"));
        Assert.Null(limiter.RecordFailure("a"));
        Assert.NotNull(limiter.RecordFailure("a"));

        limiter.RecordSuccess("a");
        Assert.True(limiter.LockedFor("a") > TimeSpan.Zero);
    }

    [Fact]
    public void Zero_failures_turns_the_limit_off()
    {
        var limiter = Limiter(max: 0);
        for (var i = 0; i < 1000; i++) Assert.Null(limiter.RecordFailure("a"));
        Assert.Equal(TimeSpan.Zero, limiter.LockedFor("a"));
        Assert.Equal(0, limiter.TrackedKeys);
    }

    [Fact]
    public void A_flood_of_keys_stays_bounded_and_keeps_lockouts_in_force()
    {
        var limiter = Limiter(keys: 100);
        for (var i = 0; i < 3; i++) limiter.RecordFailure("locked");
        _time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 10_000; i++)
        {
            limiter.RecordFailure($"k{i}");
            Assert.True(limiter.TrackedKeys <= 100);
        }
        // Pruning drops the keys that failed longest ago; a lockout in force counts as failing until its end, so it stays.
        Assert.True(limiter.LockedFor("locked") > TimeSpan.Zero);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.Zero, limiter.LockedFor("locked"));
    }

    [Theory]
    [InlineData(-1, 60, 30, 60)]
    [InlineData(5, 0, 30, 60)]
    [InlineData(5, 60, 0, 60)]
    [InlineData(5, 60, 30, 10)]
    public void Invalid_options_are_refused(int max, int window, int lockout, int maxLockout) =>
        Assert.Throws<ArgumentException>(() => Limiter(max, window, lockout, maxLockout));
}
