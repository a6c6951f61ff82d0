using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Settings;

/// <summary>
/// The last <see cref="DeviceConfig"/> the agent applied, kept in its state folder as the protocol's JSON, so a
/// box that reboots without a link starts with the settings it last had.
/// </summary>
internal sealed class ConfigFile(string directory)
{
    public const string FileName = "config.json";

    public string Path { get; } = System.IO.Path.Combine(directory, FileName);

    /// <summary>The stored configuration; null when there is none; <paramref name="problem"/> says why a file was not usable.</summary>
    public DeviceConfig? Load(out string? problem)
    {
        if (Storage.DurableFile.Read(Path, out problem) is not { } bytes) return null;
        var parsed = MessageCodec.Parse<DeviceConfig>(bytes);
        if (parsed.IsOk) return parsed.Value;
        problem = parsed.Error;
        return null;
    }

    /// <summary>Writes <paramref name="config"/> atomically (a temporary file renamed over the old one).</summary>
    /// <exception cref="IOException">The folder or file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to write.</exception>
    public void Save(DeviceConfig config) => Storage.DurableFile.Write(Path, MessageCodec.Encode(config));
}
