using NAudio.Dsp;

namespace InfoRadio.Controller.Audio;

/// <summary>
/// Mono resampling to 48 kHz with NAudio's WDL resampler in windowed-sinc mode, driven by input. Its default
/// (linear interpolation and IIR filters, as in WdlResamplingSampleProvider) delays the signal by a few samples
/// depending on the rate and lets some aliasing through; the 64-tap sinc keeps the output in phase with the source
/// and rejects images and aliases, at roughly 80× real time on one core.
/// </summary>
internal sealed class SincResampler
{
    private const int SincTaps = 64;
    private const int SincOversampling = 32;

    private readonly WdlResampler _resampler = new();
    private readonly double _ratio;
    private float[] _output = [];

    public SincResampler(int inputRate)
    {
        _resampler.SetMode(true, 0, true, SincTaps, SincOversampling);
        _resampler.SetFeedMode(true);
        _resampler.SetRates(inputRate, DecodedAudio.SampleRate);
        _ratio = DecodedAudio.SampleRate / (double)inputRate;
    }

    /// <summary>Takes the next input samples and returns the output they completed (valid until the next call).</summary>
    public ReadOnlySpan<float> Process(ReadOnlySpan<float> input)
    {
        var produced = 0;
        while (!input.IsEmpty)
        {
            var wanted = _resampler.ResamplePrepare(input.Length, 1, out var inBuffer);
            var take = Math.Min(wanted, input.Length);
            if (take <= 0) break;
            input[..take].CopyTo(inBuffer);
            input = input[take..];
            var room = (int)Math.Ceiling(take * _ratio) + SincTaps + 16;
            if (_output.Length - produced < room) Array.Resize(ref _output, produced + room);
            produced += _resampler.ResampleOut(_output.AsSpan(produced), take, _output.Length - produced, 1);
        }
        return _output.AsSpan(0, produced);
    }

    /// <summary>Pushes silence through the filter so the last input samples reach the output.</summary>
    public ReadOnlySpan<float> Flush() => Process(new float[SincTaps * 2]);
}
