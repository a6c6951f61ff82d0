namespace InfoRadio.Controller.Accounts;

/// <summary>What a password must be: long enough to resist guessing at the lockout's pace, and not the user's name.</summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;

    /// <summary>Longer passwords are refused so that hashing one cannot be used to load the server.</summary>
    public const int MaxLength = 256;

    /// <summary>Null when <paramref name="password"/> may be the password of <paramref name="name"/>, else why not.</summary>
    public static string? Check(string name, string? password)
    {
        if (string.IsNullOrEmpty(password)) return "the password is empty";
        if (password.Length < MinLength) return $"the password must have at least {MinLength} characters";
        if (password.Length > MaxLength) return $"the password may have at most {MaxLength} characters";
        if (string.Equals(password.Trim(), name, StringComparison.OrdinalIgnoreCase)) return "the password may not be the user name";
        if (password.Any(char.IsControl)) return "the password may not contain control characters";
        return null;
    }
}
