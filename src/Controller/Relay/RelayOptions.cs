namespace InfoRadio.Controller.Relay;

/// <summary>Section "Relay": how an HTTP/Icecast MP3 source is pulled, watched, retried and replaced when it fails.</summary>
public sealed class RelayOptions
{
    public const string Section = "Relay";

    /// <summary>No decoded audio from the source for this long: the source is dead.</summary>
    public int NoDataTimeoutMs { get; set; } = 5_000;

    /// <summary>Audio quieter than <see cref="SilenceThresholdDbfs"/> for this long: the source is silent (dead air).</summary>
    public int SilenceTimeoutMs { get; set; } = 20_000;

    /// <summary>RMS level (dBFS, per decoded frame) under which the source counts as silent.</summary>
    public double SilenceThresholdDbfs { get; set; } = -50;

    /// <summary>
    /// Audio held before a live relay is announced, and the jitter a running source may have without a gap: the
    /// relay airs this far behind the source.
    /// </summary>
    public int PrebufferMs { get; set; } = 2_000;

    /// <summary>Most audio held from the source; older audio is dropped when the source runs ahead (bounded memory).</summary>
    public int MaxBufferMs { get; set; } = 10_000;

    /// <summary>Time for the source to answer with headers.</summary>
    public int ConnectTimeoutMs { get; set; } = 5_000;

    /// <summary>Failed attempts in a row (connect errors, dead or silent source) before the fallback content airs.</summary>
    public int RetriesBeforeFallback { get; set; } = 3;

    /// <summary>First wait before retrying; doubles each failed attempt up to <see cref="MaxRetryDelayMs"/>.</summary>
    public int RetryDelayMs { get; set; } = 1_000;

    public int MaxRetryDelayMs { get; set; } = 15_000;

    /// <summary>Most HTTP redirects followed to reach the stream.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// Margin kept before the sender needs the audio: when the source has nothing by then, silence or fallback is
    /// given instead of waiting longer (a stalling source never makes the broadcast miss its send times).
    /// </summary>
    public int DeadlineMarginMs { get; set; } = 100;

    /// <summary>Media item aired when a source fails and neither the relay nor its program names one; none: silence.</summary>
    public string? FallbackMediaId { get; set; }

    /// <summary>Live relays running at once (each holds a connection, a decoder thread and an encoder).</summary>
    public int MaxLiveRelays { get; set; } = 4;

    /// <summary>Longest live relay asked through the API.</summary>
    public int MaxDurationMinutes { get; set; } = 180;

    /// <summary>Every problem found, each naming its setting; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok) errors.Add($"{Section}:{message}");
        }
        Check(NoDataTimeoutMs is >= 500 and <= 600_000, "NoDataTimeoutMs must be between 500 and 600000");
        Check(SilenceTimeoutMs is >= 500 and <= 3_600_000, "SilenceTimeoutMs must be between 500 and 3600000");
        Check(SilenceThresholdDbfs is >= -120 and <= 0, "SilenceThresholdDbfs must be between -120 and 0");
        Check(PrebufferMs is >= 100 and <= 60_000, "PrebufferMs must be between 100 and 60000");
        Check(MaxBufferMs >= 2 * PrebufferMs && MaxBufferMs <= 120_000, "MaxBufferMs must be at least twice PrebufferMs and at most 120000");
        Check(ConnectTimeoutMs is >= 100 and <= 120_000, "ConnectTimeoutMs must be between 100 and 120000");
        Check(RetriesBeforeFallback is >= 0 and <= 100, "RetriesBeforeFallback must be between 0 and 100");
        Check(RetryDelayMs is >= 10 and <= 600_000, "RetryDelayMs must be between 10 and 600000");
        Check(MaxRetryDelayMs >= RetryDelayMs && MaxRetryDelayMs <= 3_600_000, "MaxRetryDelayMs must be at least RetryDelayMs and at most 3600000");
        Check(MaxRedirects is >= 0 and <= 20, "MaxRedirects must be between 0 and 20");
        Check(DeadlineMarginMs is >= 0 and <= 10_000, "DeadlineMarginMs must be between 0 and 10000");
        Check(MaxLiveRelays is >= 1 and <= 100, "MaxLiveRelays must be between 1 and 100");
        Check(MaxDurationMinutes is >= 1 and <= 24 * 60, "MaxDurationMinutes must be between 1 and 1440");
        Check(FallbackMediaId is null || Protocol.Identifiers.IsValid(FallbackMediaId), "FallbackMediaId is not a valid id");
        return errors;
    }

    internal TimeSpan NoDataTimeout => TimeSpan.FromMilliseconds(NoDataTimeoutMs);
    internal TimeSpan SilenceTimeout => TimeSpan.FromMilliseconds(SilenceTimeoutMs);
    internal float SilenceThresholdRms => (float)Math.Pow(10, SilenceThresholdDbfs / 20);
}
