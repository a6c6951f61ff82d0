using System.Runtime.InteropServices;
using System.Text.Json;
using InfoRadio.Protocol;
using NAudio.Wave;

namespace InfoRadio.DeviceAgent.Sinks;

/// <summary>
/// Writes each session to <c>{directory}/{session}.wav</c> (16-bit, 48 kHz, mono): exactly the samples the
/// playout produced, from the first one it played. A session played again in the same run (after being
/// preempted) goes to <c>{session}.2.wav</c>, <c>.3</c>… so no earlier take is overwritten. Beside each file whose
/// place in time is known, <c>{session}.timeline.json</c> (or <c>{session}.2.timeline.json</c>…) says where: sample k
/// of the file sounds at <c>deviceUs + k / 48 kHz</c> of the device clock and carries stream position
/// <c>position + k</c> (give or take the drift corrections); <c>controllerUs</c> is the agent's estimate of the
/// controller's clock at <c>deviceUs</c>.
/// </summary>
internal sealed class WavFileSink(string directory, Action<string>? onError = null) : IAudioSink
{
    private readonly Dictionary<string, int> _takes = new(StringComparer.Ordinal);
    private WaveFileWriter? _writer;
    private long _samplesSinceFlush;

    public string Name => "wav";
    public TimeSpan OutputLatency => TimeSpan.Zero;
    public bool IsRealTime => false;

    /// <summary>Path of the file being written, or of the last one closed.</summary>
    public string? CurrentPath { get; private set; }

    /// <summary>Path of the sidecar of the file being written (or of the last one), when it has one.</summary>
    public string? CurrentTimelinePath { get; private set; }

    public void Open(string session) => Open(session, timeline: null);

    public void Open(string session, SinkTimeline timeline) => Open(session, (SinkTimeline?)timeline);

    private void Open(string session, SinkTimeline? timeline)
    {
        Close();
        var take = _takes[session] = _takes.GetValueOrDefault(session) + 1;
        var stem = take == 1 ? session : $"{session}.{take}";
        var name = stem + ".wav";
        CurrentTimelinePath = null;
        try
        {
            Directory.CreateDirectory(directory);
            CurrentPath = Path.Combine(directory, name);
            _writer = new WaveFileWriter(CurrentPath, new WaveFormat(ProtocolVersion.SampleRate, 16, 1));
            if (timeline is { } t)
            {
                CurrentTimelinePath = Path.Combine(directory, stem + ".timeline.json");
                File.WriteAllBytes(CurrentTimelinePath, Sidecar(session, name, t));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DisposeWriter();
            onError?.Invoke($"cannot write {name} in {directory}: {ex.Message}");
        }
    }

    private static byte[] Sidecar(string session, string file, SinkTimeline t)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("session", session);
            json.WriteString("file", file);
            json.WriteNumber("sampleRate", ProtocolVersion.SampleRate);
            json.WriteNumber("position", t.Position);
            json.WriteNumber("deviceUs", t.DeviceUs);
            json.WriteNumber("controllerUs", t.ControllerUs);
            json.WriteNumber("offsetUs", Math.Round(t.OffsetUs, 1));
            json.WriteNumber("driftPpm", Math.Round(t.DriftPpm, 4));
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public void Write(ReadOnlySpan<short> samples)
    {
        if (_writer is null) return;
        try
        {
            // WAV data is little-endian, like every machine .NET runs the agent on.
            _writer.Write(MemoryMarshal.AsBytes(samples));
            _samplesSinceFlush += samples.Length;
            if (_samplesSinceFlush >= ProtocolVersion.SampleRate)
            {
                // Keeps the header current so a power cut leaves a readable file.
                _writer.Flush();
                _samplesSinceFlush = 0;
            }
        }
        catch (IOException ex)
        {
            onError?.Invoke($"writing {CurrentPath} failed: {ex.Message}");
            DisposeWriter();
        }
    }

    public void Close() => DisposeWriter();

    public void Dispose() => DisposeWriter();

    private void DisposeWriter()
    {
        try
        {
            _writer?.Dispose();
        }
        catch (IOException ex)
        {
            onError?.Invoke($"closing {CurrentPath} failed: {ex.Message}");
        }
        _writer = null;
        _samplesSinceFlush = 0;
    }
}
