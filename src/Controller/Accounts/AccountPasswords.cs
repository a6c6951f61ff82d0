using Microsoft.AspNetCore.Identity;

namespace InfoRadio.Controller.Accounts;

/// <summary>
/// Password hashes through ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with a random salt,
/// the format versioned inside the hash so that stronger settings later rehash on the next sign-in).
/// </summary>
public static class AccountPasswords
{
    private static readonly PasswordHasher<UserAccount> Hasher = new();
    private static readonly UserAccount Nobody = new("-", []);

    // Verified against when the name is unknown, so that a wrong name costs as long as a wrong password.
    private static readonly Lazy<string> Decoy = new(() => Hasher.HashPassword(Nobody, "decoy-password-" + Guid.NewGuid().ToString("N")));

    public static string Hash(string password) => Hasher.HashPassword(Nobody, password);

    /// <summary>Whether <paramref name="password"/> matches <paramref name="hash"/>, and whether the hash should be renewed.</summary>
    public static (bool Matches, bool Rehash) Verify(string? hash, string password)
    {
        var result = Hasher.VerifyHashedPassword(Nobody, hash ?? Decoy.Value, password);
        return hash is null ? (false, false) : (result != PasswordVerificationResult.Failed, result == PasswordVerificationResult.SuccessRehashNeeded);
    }
}
