using System.Text.Json;
using InfoRadio.Protocol.Clock;

namespace InfoRadio.DeviceAgent.Clock;

/// <summary>
/// The last controller-clock model in the agent's state folder (<c>clock.json</c>), written atomically, so that a box
/// that restarts during an outage plays its cached plan on the clock it last knew (protocol section 20.3).
/// </summary>
internal sealed class ClockModelFile(string directory)
{
    public const string FileName = "clock.json";

    public string Path { get; } = System.IO.Path.Combine(directory, FileName);

    /// <summary>The saved model; null when there is none; <paramref name="problem"/> says why a file was not usable.</summary>
    public SavedClockModel? Load(out string? problem)
    {
        if (Storage.DurableFile.Read(Path, out problem) is not { } bytes) return null;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            var model = new ClockModel(root.GetProperty("referenceDeviceUs").GetInt64(), root.GetProperty("offsetUs").GetDouble(),
                root.GetProperty("driftPpm").GetDouble());
            if (!double.IsFinite(model.OffsetUs) || !double.IsFinite(model.DriftPpm) || Math.Abs(model.DriftPpm) > 1_000)
            {
                problem = "the model's offset or drift is out of range";
                return null;
            }
            return new SavedClockModel(model, root.GetProperty("savedDeviceUs").GetInt64());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            problem = ex.Message;
            return null;
        }
    }

    /// <summary>Writes <paramref name="saved"/> atomically (a temporary file flushed to disk, renamed over the old one).</summary>
    /// <exception cref="IOException">The folder or file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to write.</exception>
    public void Save(SavedClockModel saved)
    {
        var content = new System.Buffers.ArrayBufferWriter<byte>(160);
        using (var json = new Utf8JsonWriter(content))
        {
            json.WriteStartObject();
            json.WriteNumber("referenceDeviceUs", saved.Model.ReferenceDeviceUs);
            json.WriteNumber("offsetUs", saved.Model.OffsetUs);
            json.WriteNumber("driftPpm", saved.Model.DriftPpm);
            json.WriteNumber("savedDeviceUs", saved.SavedDeviceUs);
            json.WriteEndObject();
        }
        Storage.DurableFile.Write(Path, content.WrittenSpan);
    }
}
