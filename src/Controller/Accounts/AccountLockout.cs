using InfoRadio.Controller.Security;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Accounts;

/// <summary>
/// Wrong passwords per account name (<c>Accounts:Lockout</c>): after too many the name is locked and sign-in answers
/// 429 without looking at the password, so a password cannot be guessed at speed from many addresses. Unknown names
/// are counted and locked like known ones, so the answers never tell which names exist.
/// </summary>
public sealed class AccountLockout(IOptions<AccountOptions> options, TimeProvider time)
{
    private readonly FailureLimiter _limiter = new(options.Value.Lockout, time);

    /// <summary>How long <paramref name="name"/> stays locked; zero when it may sign in.</summary>
    public TimeSpan LockedFor(string name) => _limiter.LockedFor(Key(name));

    /// <summary>Counts a wrong password; returns the lockout it started, if any.</summary>
    public TimeSpan? RecordFailure(string name) => _limiter.RecordFailure(Key(name));

    public void RecordSuccess(string name) => _limiter.RecordSuccess(Key(name));

    /// <summary>Ends a lockout in force (an administrator set a new password).</summary>
    public void Unlock(string name) => _limiter.Forget(k => k == Key(name));

    private static string Key(string name) => name.ToLowerInvariant();
}
