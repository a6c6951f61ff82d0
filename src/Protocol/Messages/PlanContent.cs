namespace InfoRadio.Protocol.Messages;

/// <summary>
/// A content file: Ogg Opus (RFC 7845), 48 kHz mono, named by the SHA-256 of its bytes. The hash is both its address
/// and its checksum: a device keeps a file only when the bytes it received hash to <see cref="Sha256"/>.
/// </summary>
public sealed record PlanContent : IValidatable
{
    /// <summary>Largest content file a device is asked to hold (about 9 hours at 64 kbps).</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    /// <summary>Lower-case hex SHA-256 of the whole file (64 characters).</summary>
    public required string Sha256 { get; init; }
    public required long Bytes { get; init; }
    /// <summary>Length of the audio in 48 kHz samples (pre-skip excluded).</summary>
    public required long Samples { get; init; }

    public string? Validate() => Check.First(
        IsSha256Hex(Sha256) ? null : "sha256 must be 64 lower-case hex characters",
        Check.Range(Bytes, 1, MaxBytes, "bytes"),
        Check.Range(Samples, 1, long.MaxValue, "samples"));

    public static bool IsSha256Hex(string? value)
    {
        if (value is not { Length: 64 }) return false;
        foreach (var c in value)
        {
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f')) return false;
        }
        return true;
    }
}
