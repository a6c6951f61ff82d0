namespace InfoRadio.Controller.Offline;

/// <summary>Section "Offline": the play plans devices cache scheduled audio from, and the content they fetch.</summary>
public sealed class OfflineOptions
{
    public const string Section = "Offline";

    /// <summary>Whether plans are published and content is encoded and served at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How far ahead a device's plan reaches (at most <c>PlayPlan.MaxItems</c> items).</summary>
    public TimeSpan Horizon { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Absolute http(s) URL ending in '/' that devices fetch content from (<c>contentUrl</c> of the plan). Empty: the
    /// controller's own first listening HTTP(S) address + <c>device-api/content/</c>.
    /// </summary>
    public string? ContentBaseUrl { get; set; }

    /// <summary>How long a content file no plan names is kept before it is deleted (a plan may name it again).</summary>
    public TimeSpan ContentGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest wait between two plan passes: a slot passing is noticed within it.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a change of the catalog, media or devices is looked for.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public string? Validate()
    {
        if (Horizon < TimeSpan.FromMinutes(1) || Horizon > TimeSpan.FromDays(7)) return $"{Section}:Horizon must be between 1 min and 7 days";
        if (!string.IsNullOrEmpty(ContentBaseUrl) &&
            !(Uri.TryCreate(ContentBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && ContentBaseUrl.EndsWith('/')))
            return $"{Section}:ContentBaseUrl must be an absolute http(s) URL ending in '/'";
        if (ContentGrace < TimeSpan.Zero || ContentGrace > TimeSpan.FromDays(30)) return $"{Section}:ContentGrace must be between 0 and 30 days";
        if (RefreshInterval < TimeSpan.FromSeconds(1) || RefreshInterval > TimeSpan.FromHours(1)) return $"{Section}:RefreshInterval must be between 1 s and 1 h";
        if (PollInterval < TimeSpan.FromMilliseconds(10) || PollInterval > TimeSpan.FromMinutes(1)) return $"{Section}:PollInterval must be between 10 ms and 1 min";
        return null;
    }
}
