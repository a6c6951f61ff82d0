using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Enrollment;

/// <summary>Checks an enrollment token against the configured hashes, in constant time per hash.</summary>
public sealed class EnrollmentTokens
{
    private readonly byte[][] _hashes;

    public EnrollmentTokens(IOptions<EnrollmentOptions> options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value.TokenHashes)
    {
    }

    public EnrollmentTokens(IEnumerable<string> hexHashes) =>
        _hashes = hexHashes.Where(h => h is { Length: 64 }).Select(Convert.FromHexString).ToArray();

    /// <summary>No token works: enrollment is closed.</summary>
    public static EnrollmentTokens None { get; } = new([]);

    public bool IsOpen => _hashes.Length > 0;

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public bool Matches(string? token)
    {
        if (string.IsNullOrEmpty(token)) return false;
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var match = false;
        // Every hash is compared, so the time taken does not say which one (if any) matched.
        foreach (var hash in _hashes) match |= CryptographicOperations.FixedTimeEquals(hash, presented);
        return match;
    }
}
