using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Provincial;

/// <summary>
/// Section "Provincial": the link to the province's source information system (Hệ thống thông tin nguồn). Pushes go
/// through a durable outbox to <see cref="Endpoint"/>; bulletins come in on /api/provincial/bulletins or by polling.
/// </summary>
public sealed class ProvincialOptions
{
    public const string Section = "Provincial";

    /// <summary>Where every push is POSTed (https). Null: the outbox keeps filling and nothing is sent.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Bearer credential sent with every push and poll; null: none.</summary>
    public string? Token { get; set; }

    /// <summary>Plain http endpoints and audio URLs are refused unless this is on (a lab, the tests).</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Who this installation is to the province, usually its commune's official code; in every push.</summary>
    public string SourceId { get; set; } = "inforadio";

    /// <summary>How long one push may take before it counts as failed and is retried.</summary>
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>Wait after the first failure; doubled after each further one, up to <see cref="MaxBackoffSeconds"/>, with jitter.</summary>
    public double InitialBackoffSeconds { get; set; } = 2;

    public double MaxBackoffSeconds { get; set; } = 600;

    /// <summary>A message still undelivered this long after it was made is marked dead (counted, logged) and no longer sent.</summary>
    public double DeadAfterHours { get; set; } = 72;

    /// <summary>Delivered and dead messages are deleted from the outbox after this many days.</summary>
    public int KeepDays { get; set; } = 14;

    public ProvincialDeviceStatusOptions DeviceStatus { get; set; } = new();

    public ProvincialDailyReportOptions DailyReport { get; set; } = new();

    public ProvincialBulletinOptions Bulletins { get; set; } = new();

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Endpoint is not null && !IsAllowedUrl(Endpoint))
            errors.Add($"Provincial:Endpoint must be an absolute https URL{(AllowInsecureHttp ? " or http URL" : " (http only with Provincial:AllowInsecureHttp)")}");
        if (Bulletins.PollUrl is not null && !IsAllowedUrl(Bulletins.PollUrl))
            errors.Add("Provincial:Bulletins:PollUrl must be an absolute https URL (http only with Provincial:AllowInsecureHttp)");
        if (string.IsNullOrWhiteSpace(SourceId) || SourceId.Length > 100) errors.Add("Provincial:SourceId must be 1 to 100 characters");
        if (RequestTimeoutSeconds is < 1 or > 600) errors.Add("Provincial:RequestTimeoutSeconds must be between 1 and 600");
        if (!(InitialBackoffSeconds > 0) || !(MaxBackoffSeconds >= InitialBackoffSeconds))
            errors.Add("Provincial:InitialBackoffSeconds must be positive and at most Provincial:MaxBackoffSeconds");
        if (!(DeadAfterHours > 0)) errors.Add("Provincial:DeadAfterHours must be positive");
        if (KeepDays < 1) errors.Add("Provincial:KeepDays must be at least 1");
        if (DeviceStatus.IntervalMinutes < 0) errors.Add("Provincial:DeviceStatus:IntervalMinutes must not be negative (0: no periodic snapshot)");
        if (DailyReport.SendAfterMinutes is < 0 or > 1439) errors.Add("Provincial:DailyReport:SendAfterMinutes must be between 0 and 1439");
        if (Bulletins.MaxBodyBytes is < 1024 or > 256 * 1024 * 1024) errors.Add("Provincial:Bulletins:MaxBodyBytes must be between 1024 and 268435456");
        if (Bulletins.MaxAudioBytes <= 0) errors.Add("Provincial:Bulletins:MaxAudioBytes must be positive");
        if (Bulletins.FetchTimeoutSeconds is < 1 or > 600) errors.Add("Provincial:Bulletins:FetchTimeoutSeconds must be between 1 and 600");
        if (Bulletins.PollIntervalSeconds < 5) errors.Add("Provincial:Bulletins:PollIntervalSeconds must be at least 5");
        if (Bulletins.EmergencyRepeat is < 1 or > 10) errors.Add("Provincial:Bulletins:EmergencyRepeat must be between 1 and 10");
        if (Bulletins.PriorityMaxWaitMinutes is < 0 or > 24 * 60) errors.Add("Provincial:Bulletins:PriorityMaxWaitMinutes must be between 0 and 1440");
        if (Bulletins.Speed is < 0.5 or > 2.0) errors.Add("Provincial:Bulletins:Speed must be between 0.5 and 2.0");
        return errors;
    }

    /// <summary>An absolute http(s) URL without user info that this configuration may talk to.</summary>
    public bool IsAllowedUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.UserInfo.Length == 0 && url.Host.Length > 0
        && (url.Scheme == Uri.UriSchemeHttps || (AllowInsecureHttp && url.Scheme == Uri.UriSchemeHttp));
}

/// <summary>Section "Provincial:DeviceStatus": when device status is pushed.</summary>
public sealed class ProvincialDeviceStatusOptions
{
    /// <summary>Minutes between snapshots of every device; 0: none.</summary>
    public int IntervalMinutes { get; set; } = 15;

    /// <summary>Push a device's status when it goes online or offline.</summary>
    public bool OnChange { get; set; } = true;

    /// <summary>
    /// Changes are gathered for this many seconds and pushed together: when a controller restarts, thousands of
    /// speakers come back within seconds, and one push per change would be thousands of outbox messages.
    /// </summary>
    public int ChangeBatchSeconds { get; set; } = 10;

    /// <summary>Most devices in one push of changes; more are split over several pushes.</summary>
    public int MaxDevicesPerPush { get; set; } = 1000;
}

/// <summary>Section "Provincial:DailyReport": when each local day's report is pushed.</summary>
public sealed class ProvincialDailyReportOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Minutes after local midnight (Asia/Ho_Chi_Minh) at which the previous day's report is made.</summary>
    public int SendAfterMinutes { get; set; } = 15;
}

/// <summary>Section "Provincial:Bulletins": bulletins the province sends in.</summary>
public sealed class ProvincialBulletinOptions
{
    /// <summary>Largest accepted bulletin body (base64 audio makes them large).</summary>
    public int MaxBodyBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Largest audio file, inline or fetched.</summary>
    public long MaxAudioBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Hosts an audio URL may point at (exact, case-insensitive); empty allows any host.</summary>
    public List<string> AllowedAudioHosts { get; set; } = [];

    public int FetchTimeoutSeconds { get; set; } = 30;

    /// <summary>Longest bulletin audio accepted, minutes.</summary>
    public int MaxAudioMinutes { get; set; } = 30;

    /// <summary>Optional: GET this URL every <see cref="PollIntervalSeconds"/> for a JSON array of bulletins.</summary>
    public string? PollUrl { get; set; }

    public int PollIntervalSeconds { get; set; } = 60;

    /// <summary>How many times an emergency bulletin plays in all.</summary>
    public int EmergencyRepeat { get; set; } = 2;

    /// <summary>A priority bulletin waits at most this long for a free slot, then airs over what is on (it outranks it).</summary>
    public int PriorityMaxWaitMinutes { get; set; } = 30;

    public TtsVoice Voice { get; set; } = TtsVoice.Northern;

    public double Speed { get; set; } = 1.0;
}
