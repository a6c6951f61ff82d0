namespace InfoRadio.Protocol;

/// <summary>
/// Rules for the names that appear inside topics (device and zone ids). They are restricted so that a name can
/// never carry an MQTT wildcard, a level separator or a character a C firmware would mishandle.
/// </summary>
public static class Identifiers
{
    public const int MaxLength = 64;

    /// <summary>Returns null when <paramref name="id"/> is a valid id, else the reason it is not.</summary>
    public static string? Check(string? id, string what = "id")
    {
        if (string.IsNullOrEmpty(id)) return $"{what} is empty";
        if (id.Length > MaxLength) return $"{what} is longer than {MaxLength} characters";
        if (!IsLowerAlphanumeric(id[0])) return $"{what} must start with a lower-case letter or a digit";
        foreach (var c in id)
        {
            if (!IsLowerAlphanumeric(c) && c != '-' && c != '_')
                return $"{what} may contain only a-z, 0-9, '-' and '_'";
        }
        return null;
    }

    public static bool IsValid(string? id) => Check(id) is null;

    private static bool IsLowerAlphanumeric(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';
}
