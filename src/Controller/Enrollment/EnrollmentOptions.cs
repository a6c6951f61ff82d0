namespace InfoRadio.Controller.Enrollment;

/// <summary>Section "Enrollment": who may ask to be enrolled, and how secrets are handed over.</summary>
public sealed class EnrollmentOptions
{
    public const string Section = "Enrollment";

    /// <summary>
    /// SHA-256 (64 hex digits) of each enrollment token a new box may present as its MQTT password with username
    /// <c>enroll</c>; e.g. <c>printf %s "$TOKEN" | sha256sum</c>. Empty: no box can enroll. Tokens are long random
    /// strings, so a plain hash is enough (unlike passwords, they cannot be guessed from a dictionary).
    /// </summary>
    public List<string> TokenHashes { get; set; } = [];

    /// <summary>
    /// An approved box that has not connected yet gets fresh credentials when it asks again, but not more often than
    /// this (its request and the approval may cross; the first credentials must have time to arrive and be used).
    /// </summary>
    public int ReissueAfterSeconds { get; set; } = 20;

    /// <summary>How long the old secret keeps working after an online rotation, unless the device switches sooner.</summary>
    public int RotationGraceSeconds { get; set; } = 120;

    /// <summary>Enrollment records kept at most (pending, approved, rejected and pre-registered together).</summary>
    public int MaxRecords { get; set; } = 100_000;

    /// <summary>Null when usable, else what is wrong.</summary>
    public string? Validate()
    {
        for (var i = 0; i < TokenHashes.Count; i++)
        {
            var hash = TokenHashes[i];
            if (hash is null || hash.Length != 64 || !hash.All(Uri.IsHexDigit))
                return $"Enrollment:TokenHashes:{i} must be the SHA-256 of a token as 64 hex digits";
        }
        if (ReissueAfterSeconds is < 1 or > 3600) return "Enrollment:ReissueAfterSeconds must be between 1 and 3600";
        if (RotationGraceSeconds is < 1 or > 86_400) return "Enrollment:RotationGraceSeconds must be between 1 and 86400";
        if (MaxRecords < 1) return "Enrollment:MaxRecords must be positive";
        return null;
    }
}
