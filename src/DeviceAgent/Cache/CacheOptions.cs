namespace InfoRadio.DeviceAgent.Cache;

/// <summary>The offline content cache (section <c>Agent:Cache</c>); files live in <c>{StateDirectory}/cache</c>.</summary>
public sealed class CacheOptions
{
    /// <summary>Most bytes the cache may hold (finished and partial files); content that would not fit is not fetched.</summary>
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>First wait after a failed download; doubles up to <see cref="RetryMaxSeconds"/>.</summary>
    public int RetryMinSeconds { get; set; } = 2;

    public int RetryMaxSeconds { get; set; } = 300;
}
