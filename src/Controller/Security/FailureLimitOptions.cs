namespace InfoRadio.Controller.Security;

/// <summary>
/// How many failed authentications one key (a remote address, or an address and a client id) may make before it
/// is locked out, and for how long. Bound from <c>Broker:AuthLimit:PerClient</c>, <c>Broker:AuthLimit:PerAddress</c>
/// and <c>Http:AuthLimit</c>.
/// </summary>
public sealed class FailureLimitOptions
{
    /// <summary>Failures within <see cref="WindowSeconds"/> that start a lockout; 0 turns the limit off.</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>The window the failures are counted in.</summary>
    public int WindowSeconds { get; set; } = 60;

    /// <summary>The first lockout; each further one in a row doubles it, up to <see cref="MaxLockoutSeconds"/>.</summary>
    public int LockoutSeconds { get; set; } = 30;

    /// <summary>The longest lockout. After this long without a failure the doubling starts over.</summary>
    public int MaxLockoutSeconds { get; set; } = 900;

    /// <summary>Keys remembered at most; beyond it the stalest are forgotten, so a flood of addresses cannot exhaust memory.</summary>
    public int MaxTrackedKeys { get; set; } = 100_000;

    /// <summary>A sentence naming the bad setting, or null when valid.</summary>
    public string? Validate(string section)
    {
        if (MaxFailures < 0) return $"{section}:MaxFailures must not be negative";
        if (WindowSeconds < 1) return $"{section}:WindowSeconds must be at least 1";
        if (LockoutSeconds < 1) return $"{section}:LockoutSeconds must be at least 1";
        if (MaxLockoutSeconds < LockoutSeconds) return $"{section}:MaxLockoutSeconds must be at least LockoutSeconds";
        if (MaxTrackedKeys < 100) return $"{section}:MaxTrackedKeys must be at least 100";
        return null;
    }
}
