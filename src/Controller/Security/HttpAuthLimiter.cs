using System.Net;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Security;

/// <summary>Options of <see cref="HttpAuthLimiter"/> (section <c>Http:AuthLimit</c>).</summary>
public sealed class HttpAuthLimitOptions
{
    public const string Section = "Http:AuthLimit";

    /// <summary>Per remote address: unknown bearer tokens before the address gets 429 for a while.</summary>
    public FailureLimitOptions PerAddress { get; set; } = new() { MaxFailures = 10, WindowSeconds = 60, LockoutSeconds = 60, MaxLockoutSeconds = 900 };
}

/// <summary>
/// Failed bearer tokens per remote address: after too many, every request of that address that needs a sign-in
/// gets 429 (with Retry-After) without its token being looked at, so tokens cannot be guessed at speed. Keyed by
/// address alone: HTTP has no client id, and a valid token accepted during a lockout would tell a guesser which
/// guess was right.
/// </summary>
public sealed class HttpAuthLimiter(IOptions<HttpAuthLimitOptions> options, TimeProvider time)
{
    private readonly FailureLimiter _limiter = new(options.Value.PerAddress, time);

    public TimeSpan LockedFor(IPAddress? address) => _limiter.LockedFor(Key(address));

    /// <summary>Counts a failed token; returns the lockout it started, if any.</summary>
    public TimeSpan? RecordFailure(IPAddress? address) => _limiter.RecordFailure(Key(address));

    private static string Key(IPAddress? address) =>
        address is null ? "?" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
