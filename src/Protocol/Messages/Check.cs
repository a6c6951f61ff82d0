namespace InfoRadio.Protocol.Messages;

/// <summary>Small helpers so every message states its rules in one line each.</summary>
internal static class Check
{
    /// <summary>Earliest and latest plausible wall-clock instants (2020 to 2100) in unix microseconds.</summary>
    public const long MinUnixUs = 1_577_836_800_000_000;
    public const long MaxUnixUs = 4_102_444_800_000_000;

    public static string? Version(int v) => v == ProtocolVersion.Current ? null : $"unsupported version {v}";

    public static string? Timestamp(long us, string field) =>
        us is >= MinUnixUs and <= MaxUnixUs ? null : $"{field} is not a unix time in microseconds between 2020 and 2100";

    public static string? Range(long value, long min, long max, string field) =>
        value >= min && value <= max ? null : $"{field} must be between {min} and {max}";

    public static string? Range(double value, double min, double max, string field) =>
        double.IsFinite(value) && value >= min && value <= max ? null : $"{field} must be between {min} and {max}";

    public static string? Text(string? value, int maxLength, string field, bool required = false)
    {
        if (value is null) return required ? $"{field} is required" : null;
        if (required && value.Length == 0) return $"{field} is empty";
        if (value.Length > maxLength) return $"{field} is longer than {maxLength} characters";
        foreach (var c in value)
            if (char.IsControl(c)) return $"{field} contains a control character";
        return null;
    }

    public static string? Defined<TEnum>(TEnum value, string field) where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? null : $"{field} has an unknown value";

    /// <summary>Returns the first non-null reason.</summary>
    public static string? First(params string?[] reasons)
    {
        foreach (var reason in reasons)
            if (reason is not null) return reason;
        return null;
    }

    /// <summary>Standard padded base64 (RFC 4648) of exactly <paramref name="length"/> bytes, or any length when null.</summary>
    public static string? Base64(string? value, string field, int? length = null, int maxBytes = 4096)
    {
        if (string.IsNullOrEmpty(value)) return $"{field} is required";
        if (value.Length > (maxBytes + 2) / 3 * 4) return $"{field} is longer than {maxBytes} bytes";
        var buffer = new byte[value.Length];
        if (!Convert.TryFromBase64String(value, buffer, out var written) || value.Any(char.IsWhiteSpace))
            return $"{field} is not base64";
        return length is { } n && written != n ? $"{field} must be {n} bytes, not {written}" : null;
    }
}
