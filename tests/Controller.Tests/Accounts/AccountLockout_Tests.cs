using InfoRadio.Controller.Accounts;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Accounts;

public sealed class AccountLockout_Tests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-05T08:00:00Z"));

    private AccountLockout Lockout(AccountOptions? options = null) => new(Options.Create(options ?? new AccountOptions()), _time);

    [Fact]
    public void By_default_five_wrong_passwords_within_fifteen_minutes_lock_the_name_for_fifteen_minutes()
    {
        var lockout = Lockout();
        for (var i = 0; i < 4; i++)
        {
            Assert.Null(lockout.RecordFailure("Lan"));
            _time.Advance(TimeSpan.FromMinutes(3));
        }
        Assert.Equal(TimeSpan.FromMinutes(15), lockout.RecordFailure("LAN"));
        Assert.Equal(TimeSpan.FromMinutes(15), lockout.LockedFor("lan"));
        Assert.Equal(TimeSpan.Zero, lockout.LockedFor("hoa"));
        _time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), lockout.LockedFor("lan"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, lockout.LockedFor("lan"));
    }

    [Fact]
    public void Failures_spread_wider_than_the_window_never_lock()
    {
        var lockout = Lockout();
        for (var i = 0; i < 20; i++)
        {
            Assert.Null(lockout.RecordFailure("lan"));
            if (i % 4 == 3) _time.Advance(TimeSpan.FromMinutes(16));
        }
        Assert.Equal(TimeSpan.Zero, lockout.LockedFor("lan"));
    }

    [Fact]
    public void A_success_forgets_the_failures_and_an_unlock_ends_a_lockout_in_force()
    {
        var lockout = Lockout(new AccountOptions { Lockout = { MaxFailures = 2 } });
        lockout.RecordFailure("lan");
        lockout.RecordSuccess("lan");
        Assert.Null(lockout.RecordFailure("lan"));
        Assert.NotNull(lockout.RecordFailure("lan"));
        Assert.True(lockout.LockedFor("lan") > TimeSpan.Zero);
        lockout.RecordSuccess("lan");
        Assert.True(lockout.LockedFor("lan") > TimeSpan.Zero);
        lockout.Unlock("LAN");
        Assert.Equal(TimeSpan.Zero, lockout.LockedFor("lan"));
    }

    [Fact]
    public void Bad_lockout_settings_are_named()
    {
        var options = new AccountOptions { Lockout = { WindowSeconds = 0 } };
        Assert.Contains("Accounts:Lockout:WindowSeconds", options.Validate());
    }
}
