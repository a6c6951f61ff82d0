namespace InfoRadio.Controller.Security;

/// <summary>
/// Counts failed authentications per key and locks a key out after <see cref="FailureLimitOptions.MaxFailures"/>
/// failures within the window: while locked out, attempts are refused before any secret is checked (so guessing
/// stops and costs the server no PBKDF2). Each lockout that follows another within
/// <see cref="FailureLimitOptions.MaxLockoutSeconds"/> of quiet doubles, up to that maximum. Attempts made during
/// a lockout do not extend it, so a key always comes free after a bounded time. Pure logic on a
/// <see cref="TimeProvider"/>; thread-safe (one lock; every operation is O(1) apart from an occasional prune).
/// </summary>
public sealed class FailureLimiter
{
    private readonly FailureLimitOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, KeyState> _keys = new(StringComparer.Ordinal);

    public FailureLimiter(FailureLimitOptions options, TimeProvider time)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        if (options.Validate("limit") is { } problem) throw new ArgumentException(problem, nameof(options));
    }

    public bool Enabled => _options.MaxFailures > 0;

    /// <summary>Keys with any state now (for tests and diagnostics).</summary>
    public int TrackedKeys
    {
        get { lock (_gate) return _keys.Count; }
    }

    /// <summary>How long <paramref name="key"/> stays locked out; <see cref="TimeSpan.Zero"/> when it may try.</summary>
    public TimeSpan LockedFor(string key)
    {
        if (!Enabled) return TimeSpan.Zero;
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return _keys.TryGetValue(key, out var state) && state.LockedUntil > now ? state.LockedUntil - now : TimeSpan.Zero;
        }
    }

    /// <summary>Counts a failure; returns the length of the lockout it started, or null when it started none.</summary>
    public TimeSpan? RecordFailure(string key)
    {
        if (!Enabled) return null;
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_keys.TryGetValue(key, out var state))
            {
                if (_keys.Count >= _options.MaxTrackedKeys) Prune(now);
                state = new KeyState { WindowStart = now };
                _keys[key] = state;
            }
            if (state.LockedUntil > now) return null; // already locked out: nothing new to start or log
            if (now - state.LastFailure >= TimeSpan.FromSeconds(_options.MaxLockoutSeconds)) state.Level = 0;
            if (now - state.WindowStart >= TimeSpan.FromSeconds(_options.WindowSeconds))
            {
                state.WindowStart = now;
                state.Failures = 0;
            }
            state.LastFailure = now;
            if (++state.Failures < _options.MaxFailures) return null;

            var seconds = Math.Min((double)_options.MaxLockoutSeconds, _options.LockoutSeconds * Math.Pow(2, state.Level));
            var lockout = TimeSpan.FromSeconds(seconds);
            state.LockedUntil = now + lockout;
            state.Level = Math.Min(state.Level + 1, 30);
            state.Failures = 0;
            state.WindowStart = state.LockedUntil;
            // The quiet period that resets the doubling counts from the end of this lockout.
            state.LastFailure = state.LockedUntil;
            return lockout;
        }
    }

    /// <summary>A success forgets the key's failures (not a lockout in force).</summary>
    public void RecordSuccess(string key)
    {
        if (!Enabled) return;
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_keys.TryGetValue(key, out var state) && state.LockedUntil <= now) _keys.Remove(key);
        }
    }

    /// <summary>Forgets every key <paramref name="match"/> selects, lockouts in force too (new credentials were issued).</summary>
    public int Forget(Func<string, bool> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        lock (_gate)
        {
            var keys = _keys.Keys.Where(match).ToList();
            foreach (var key in keys) _keys.Remove(key);
            return keys.Count;
        }
    }

    /// <summary>Forgets keys with nothing left to remember; if still full, the least recently failing half.</summary>
    private void Prune(DateTimeOffset now)
    {
        var quiet = TimeSpan.FromSeconds(Math.Max(_options.WindowSeconds, _options.MaxLockoutSeconds));
        foreach (var (key, state) in _keys)
            if (state.LockedUntil <= now && now - state.LastFailure >= quiet) _keys.Remove(key);
        if (_keys.Count < _options.MaxTrackedKeys) return;
        var stalest = _keys.OrderBy(k => k.Value.LastFailure).Take(_keys.Count / 2).Select(k => k.Key).ToList();
        foreach (var key in stalest) _keys.Remove(key);
    }

    private sealed class KeyState
    {
        public DateTimeOffset WindowStart;
        public DateTimeOffset LastFailure;
        public DateTimeOffset LockedUntil;
        public int Failures;
        public int Level;
    }
}
