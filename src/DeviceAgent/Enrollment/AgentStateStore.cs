using System.Security.Cryptography;
using InfoRadio.Protocol.Enrollment;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Enrollment;

/// <summary>
/// What the agent keeps in <see cref="AgentOptions.StateDirectory"/>: <c>enrollment-key.p8</c> (its P-256 private
/// key, PKCS#8, made once) and <c>credentials.json</c> (device id and secret, written when enrolled and on every
/// rotation). Both are mode 0600 and replaced atomically (write a temporary file, then rename), so a power cut never
/// leaves half a file.
/// </summary>
public sealed class AgentStateStore(string directory)
{
    public const string KeyFileName = "enrollment-key.p8";
    public const string CredentialsFileName = "credentials.json";

    public string Directory { get; } = directory ?? throw new ArgumentNullException(nameof(directory));
    public string KeyPath => Path.Combine(Directory, KeyFileName);
    public string CredentialsPath => Path.Combine(Directory, CredentialsFileName);

    /// <summary>The box's enrollment key: the stored one, or a new one stored now.</summary>
    public ECDiffieHellman LoadOrCreateKey()
    {
        if (File.Exists(KeyPath)) return DeviceKeys.ImportPrivate(File.ReadAllBytes(KeyPath));
        var key = DeviceKeys.Create();
        var pkcs8 = DeviceKeys.ExportPrivate(key);
        WriteSecretFile(KeyPath, pkcs8);
        CryptographicOperations.ZeroMemory(pkcs8);
        return key;
    }

    /// <summary>The stored credentials, or null when there are none (or the file is unreadable, with the reason).</summary>
    public EnrolledCredentials? LoadCredentials(out string? problem)
    {
        problem = null;
        if (!File.Exists(CredentialsPath)) return null;
        var parsed = MessageCodec.Parse<EnrolledCredentials>(File.ReadAllBytes(CredentialsPath));
        if (parsed.IsOk) return parsed.Value;
        problem = $"{CredentialsPath}: {parsed.Error}";
        return null;
    }

    public void SaveCredentials(EnrolledCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        WriteSecretFile(CredentialsPath, MessageCodec.Encode(credentials));
    }

    private static void WriteSecretFile(string path, byte[] content) =>
        Storage.DurableFile.Write(path, content, UnixFileMode.UserRead | UnixFileMode.UserWrite);

    public override string ToString() => $"AgentStateStore {{ {Directory} }}";
}
