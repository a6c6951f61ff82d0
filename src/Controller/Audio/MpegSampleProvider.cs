using NAudio.Wave;
using NLayer;

namespace InfoRadio.Controller.Audio;

/// <summary>NLayer's managed MPEG audio decoder behind NAudio's <see cref="ISampleProvider"/> (NAudio.Core has none on Linux).</summary>
internal sealed class MpegSampleProvider : ISampleProvider, IDisposable
{
    private readonly MpegFile _file;

    public MpegSampleProvider(MpegFile file)
    {
        _file = file;
        WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(file.SampleRate, file.Channels);
    }

    public WaveFormat WaveFormat { get; }

    public int Read(Span<float> buffer) => _file.ReadSamples(buffer);

    public void Dispose() => _file.Dispose();
}
