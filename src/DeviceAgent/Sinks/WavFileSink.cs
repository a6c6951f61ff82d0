using System.Runtime.InteropServices;
using InfoRadio.Protocol;
using NAudio.Wave;

namespace InfoRadio.DeviceAgent.Sinks;

/// <summary>
/// Writes each session to <c>{directory}/{session}.wav</c> (16-bit, 48 kHz, mono): exactly the samples the
/// playout produced, from the first one it played. A session played again in the same run (after being
/// preempted) goes to <c>{session}.2.wav</c>, <c>.3</c>… so no earlier take is overwritten.
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

    public void Open(string session)
    {
        Close();
        var take = _takes[session] = _takes.GetValueOrDefault(session) + 1;
        var name = take == 1 ? $"{session}.wav" : $"{session}.{take}.wav";
        try
        {
            Directory.CreateDirectory(directory);
            CurrentPath = Path.Combine(directory, name);
            _writer = new WaveFileWriter(CurrentPath, new WaveFormat(ProtocolVersion.SampleRate, 16, 1));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _writer = null;
            onError?.Invoke($"cannot write {name} in {directory}: {ex.Message}");
        }
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
