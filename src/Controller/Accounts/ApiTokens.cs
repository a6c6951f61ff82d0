using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace InfoRadio.Controller.Accounts;

/// <summary>
/// API tokens: random 256-bit values, stored only as their SHA-256. A plain hash suffices (unlike device secrets'
/// PBKDF2) because a token is random, not chosen by a person: no dictionary can guess it.
/// </summary>
public static class ApiTokens
{
    public const int MinLength = 20;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
