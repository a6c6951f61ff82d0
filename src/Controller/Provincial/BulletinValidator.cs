using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Provincial;

/// <summary>A bulletin that passed <see cref="BulletinValidator"/>: its fields checked, its inline audio decoded from base64.</summary>
public sealed record BulletinIntake(
    string Id, string Title, BulletinPriority Priority, string? Text, string? AudioUrl, byte[]? InlineAudio,
    TtsVoice? Voice, DateTimeOffset? ExpiresAt, IReadOnlyList<string> Targets);

/// <summary>
/// Checks a bulletin from the province, pure: every problem found is listed (not only the first), so the province's
/// integrator can fix them in one go. What it cannot check here (the areas, whether the audio decodes) the service does.
/// </summary>
public static class BulletinValidator
{
    public const int MaxIdLength = 100;
    public const int MaxTargets = 1000;
    public const int MaxUrlLength = 2000;

    public static (BulletinIntake? Intake, IReadOnlyList<string> Errors) Validate(BulletinBody? body, ProvincialOptions options)
    {
        if (body is null) return (null, ["the body is empty: send a JSON object"]);
        var errors = new List<string>();
        var id = body.Id?.Trim();
        if (string.IsNullOrEmpty(id)) errors.Add("'id' is missing");
        else if (id.Length > MaxIdLength || !id.All(IsIdChar)) errors.Add($"'id' must be 1 to {MaxIdLength} characters of A-Z, a-z, 0-9, '.', '_', ':' and '-'");

        var title = body.Title?.Trim();
        if (string.IsNullOrEmpty(title)) errors.Add("'title' is missing");
        else if (title.Length > BroadcastProgram.MaxTitleLength || title.Any(char.IsControl))
            errors.Add($"'title' must be 1 to {BroadcastProgram.MaxTitleLength} characters on one line");

        BulletinPriority priority = default;
        if (body.Priority is null) errors.Add("'priority' is missing: one of normal, priority, emergency");
        else if (!TryPriority(body.Priority, out priority)) errors.Add($"'priority' must be one of normal, priority, emergency, not '{Cut(body.Priority)}'");

        var text = body.Text?.Trim();
        if (text is { Length: 0 }) text = null;
        if (text is not null && new TtsBulletinContent(text).Validate() is { } textProblem) errors.Add("'text': " + textProblem);

        string? url = null;
        byte[]? inline = null;
        if (body.Audio is { } audio)
        {
            if ((audio.Url is null) == (audio.Base64 is null)) errors.Add("'audio' must have exactly one of 'url' and 'base64'");
            else if (audio.Url is { } u)
            {
                if (u.Length > MaxUrlLength || !options.IsAllowedUrl(u))
                    errors.Add($"'audio.url' must be an absolute https URL without user info{(options.AllowInsecureHttp ? " (or http)" : "")}, not '{Cut(u)}'");
                else if (options.Bulletins.AllowedAudioHosts.Count > 0
                    && !options.Bulletins.AllowedAudioHosts.Contains(new Uri(u).Host, StringComparer.OrdinalIgnoreCase))
                    errors.Add($"'audio.url' host '{new Uri(u).Host}' is not in Provincial:Bulletins:AllowedAudioHosts");
                else url = u;
            }
            else
            {
                try
                {
                    inline = Convert.FromBase64String(string.Concat(audio.Base64!.Where(c => !char.IsWhiteSpace(c))));
                    if (inline.Length == 0) errors.Add("'audio.base64' is empty");
                    else if (inline.Length > options.Bulletins.MaxAudioBytes) errors.Add($"'audio.base64' holds more than {options.Bulletins.MaxAudioBytes} bytes");
                }
                catch (FormatException)
                {
                    errors.Add("'audio.base64' is not base64");
                }
            }
        }
        else if (text is null) errors.Add("the bulletin needs 'audio' (url or base64) or 'text' to be read by text-to-speech");

        TtsVoice? voice = null;
        if (body.Voice is { } v)
        {
            if (Enum.TryParse<TtsVoice>(v, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(v, out _)) voice = parsed;
            else errors.Add($"'voice' must be one of northern, central, southern, not '{Cut(v)}'");
        }

        var targets = body.Targets?.Select(t => t?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToArray() ?? [];
        if (targets.Length == 0) errors.Add("'targets' must list at least one administrative area code");
        else if (targets.Length > MaxTargets) errors.Add($"'targets' lists more than {MaxTargets} areas");
        else if (targets.FirstOrDefault(t => Protocol.Identifiers.Check(t, "area code") is not null) is { } bad)
            errors.Add($"'targets' holds '{Cut(bad)}', which is not an area code");

        if (errors.Count > 0) return (null, errors);
        return (new BulletinIntake(id!, title!, priority, text, url, inline, voice, body.ExpiresAt, targets), []);
    }

    public static bool TryPriority(string text, out BulletinPriority priority)
    {
        priority = text switch { "normal" => BulletinPriority.Normal, "priority" => BulletinPriority.Priority, "emergency" => BulletinPriority.Emergency, _ => (BulletinPriority)(-1) };
        return Enum.IsDefined(priority);
    }

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-';

    private static string Cut(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
