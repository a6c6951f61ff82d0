using System.Globalization;
using System.Text.RegularExpressions;

namespace InfoRadio.Controller.Cap;

/// <summary>
/// Checks a parsed alert against the CAP 1.2 specification (OASIS, 2010): required elements, closed value lists,
/// dateTime forms, identifier and sender characters, references, polygons, circles, scope rules. Every problem is
/// listed, each under the path of the element it is about, so a feed operator can fix them all in one go.
/// </summary>
public static partial class CapValidator
{
    public const int MaxReferences = 100;

    public static IReadOnlyList<string> Validate(CapAlert alert)
    {
        var errors = new List<string>();
        Token(errors, "alert/identifier", alert.Identifier);
        Token(errors, "alert/sender", alert.Sender);
        DateTime(errors, "alert/sent", alert.Sent, required: true);
        OneOf(errors, "alert/status", alert.Status, CapVocabulary.Statuses, required: true);
        OneOf(errors, "alert/msgType", alert.MsgType, CapVocabulary.MsgTypes, required: true);
        OneOf(errors, "alert/scope", alert.Scope, CapVocabulary.Scopes, required: true);
        if (alert.Scope == "Restricted" && string.IsNullOrWhiteSpace(alert.Restriction))
            errors.Add("alert/restriction: required when scope is Restricted");
        if (alert.Scope == "Private" && string.IsNullOrWhiteSpace(alert.Addresses))
            errors.Add("alert/addresses: required when scope is Private");
        if (alert.MsgType is "Update" or "Cancel" or "Ack" or "Error" && string.IsNullOrWhiteSpace(alert.References))
            errors.Add($"alert/references: required for msgType {alert.MsgType} (which earlier alerts it is about)");
        if (alert.References is { Length: > 0 } references) References(errors, references);
        for (var i = 0; i < alert.Infos.Count; i++) Info(errors, $"alert/info[{i + 1}]", alert.Infos[i]);
        return errors;
    }

    /// <summary>The "sender,identifier,sent" triples of a references list; call on a validated alert.</summary>
    public static IReadOnlyList<CapReference> ParseReferences(string? references) =>
        (references ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Split(','))
            .Where(p => p.Length == 3)
            .Select(p => new CapReference(p[0], p[1], p[2]))
            .ToArray();

    private static void References(List<string> errors, string references)
    {
        var entries = references.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (entries.Length > MaxReferences) errors.Add($"alert/references: at most {MaxReferences} references are accepted, not {entries.Length}");
        foreach (var entry in entries.Take(MaxReferences))
        {
            var parts = entry.Split(',');
            if (parts.Length != 3 || !CapVocabulary.IsToken(parts[0]) || !CapVocabulary.IsToken(parts[1]) || !CapVocabulary.TryParseDateTime(parts[2], out _))
                errors.Add($"alert/references: '{Short(entry)}' is not 'sender,identifier,sent' with sent a CAP dateTime");
        }
    }

    private static void Info(List<string> errors, string path, CapInfo info)
    {
        if (info.Language is { } language && !CapVocabulary.IsLanguageTag(language))
            errors.Add($"{path}/language: '{Short(language)}' is not a language tag such as vi-VN");
        if (info.Categories.Count == 0) errors.Add($"{path}/category: required (one of {string.Join(", ", CapVocabulary.Categories)})");
        foreach (var c in info.Categories) OneOf(errors, $"{path}/category", c, CapVocabulary.Categories, required: true);
        Required(errors, $"{path}/event", info.Event);
        foreach (var r in info.ResponseTypes) OneOf(errors, $"{path}/responseType", r, CapVocabulary.ResponseTypes, required: true);
        OneOf(errors, $"{path}/urgency", info.Urgency, CapVocabulary.Urgencies, required: true);
        OneOf(errors, $"{path}/severity", info.Severity, CapVocabulary.Severities, required: true);
        OneOf(errors, $"{path}/certainty", info.Certainty, CapVocabulary.Certainties, required: true);
        Values(errors, $"{path}/eventCode", info.EventCodes);
        DateTime(errors, $"{path}/effective", info.Effective, required: false);
        DateTime(errors, $"{path}/onset", info.Onset, required: false);
        DateTime(errors, $"{path}/expires", info.Expires, required: false);
        if (info.Web is { } web && !Uri.TryCreate(web, UriKind.Absolute, out _)) errors.Add($"{path}/web: '{Short(web)}' is not an absolute URI");
        Values(errors, $"{path}/parameter", info.Parameters);
        for (var i = 0; i < info.Resources.Count; i++) Resource(errors, $"{path}/resource[{i + 1}]", info.Resources[i]);
        for (var i = 0; i < info.Areas.Count; i++) Area(errors, $"{path}/area[{i + 1}]", info.Areas[i]);
    }

    private static void Resource(List<string> errors, string path, CapResource resource)
    {
        Required(errors, $"{path}/resourceDesc", resource.ResourceDesc);
        Required(errors, $"{path}/mimeType", resource.MimeType);
        if (resource.Size is { } size && !long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            errors.Add($"{path}/size: '{Short(size)}' is not a whole number of bytes");
        if (resource.Uri is { } uri && !Uri.TryCreate(uri, UriKind.RelativeOrAbsolute, out _)) errors.Add($"{path}/uri: '{Short(uri)}' is not a URI");
        if (resource.DerefUri is { } deref && !IsBase64(deref)) errors.Add($"{path}/derefUri: not base64 data");
        if (resource.Digest is { } digest && !Sha1Hex().IsMatch(digest)) errors.Add($"{path}/digest: '{Short(digest)}' is not a SHA-1 digest (40 hexadecimal digits)");
    }

    private static void Area(List<string> errors, string path, CapArea area)
    {
        Required(errors, $"{path}/areaDesc", area.AreaDesc);
        foreach (var polygon in area.Polygons)
            if (CapGeometry.ParsePolygon(polygon, out var why) is null) errors.Add($"{path}/polygon: {why}");
        foreach (var circle in area.Circles)
            if (CapGeometry.ParseCircle(circle, out var why) is null) errors.Add($"{path}/circle: {why}");
        Values(errors, $"{path}/geocode", area.Geocodes);
        Number(errors, $"{path}/altitude", area.Altitude);
        Number(errors, $"{path}/ceiling", area.Ceiling);
        if (area.Ceiling is not null && area.Altitude is null) errors.Add($"{path}/ceiling: only allowed together with altitude");
    }

    private static void Number(List<string> errors, string path, string? text)
    {
        if (text is null) return;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            errors.Add($"{path}: '{Short(text)}' is not a number");
    }

    private static void Values(List<string> errors, string path, IReadOnlyList<CapValue> values)
    {
        foreach (var v in values)
        {
            if (string.IsNullOrWhiteSpace(v.ValueName)) errors.Add($"{path}/valueName: required");
            if (v.Value is null) errors.Add($"{path}/value: required");
        }
    }

    private static void Token(List<string> errors, string path, string? text)
    {
        if (string.IsNullOrEmpty(text)) errors.Add($"{path}: required");
        else if (!CapVocabulary.IsToken(text)) errors.Add($"{path}: '{Short(text)}' must not contain spaces, commas, '<' or '&'");
    }

    private static void Required(List<string> errors, string path, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) errors.Add($"{path}: required");
    }

    private static void DateTime(List<string> errors, string path, string? text, bool required)
    {
        if (text is null) { if (required) errors.Add($"{path}: required"); return; }
        if (!CapVocabulary.TryParseDateTime(text, out _))
            errors.Add($"{path}: '{Short(text)}' is not a CAP dateTime like 2025-09-02T15:30:00+07:00 (seconds, a numeric offset, no 'Z', no fractions)");
    }

    private static void OneOf(List<string> errors, string path, string? text, IReadOnlyList<string> allowed, bool required)
    {
        if (string.IsNullOrEmpty(text)) { if (required) errors.Add($"{path}: required (one of {string.Join(", ", allowed)})"); return; }
        if (!allowed.Contains(text, StringComparer.Ordinal)) errors.Add($"{path}: '{Short(text)}' is not one of {string.Join(", ", allowed)}");
    }

    private static bool IsBase64(string text)
    {
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        var buffer = new byte[compact.Length * 3 / 4 + 3];
        return compact.Length > 0 && Convert.TryFromBase64String(compact, buffer, out _);
    }

    private static string Short(string s) => s.Length <= 60 ? s : s[..60] + "…";

    [GeneratedRegex("^[0-9A-Fa-f]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha1Hex();
}

/// <summary>One entry of <c>references</c>: the earlier alert's sender, identifier and sent text.</summary>
public sealed record CapReference(string Sender, string Identifier, string Sent);
