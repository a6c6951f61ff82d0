using InfoRadio.Controller.Audio;
using NLayer;

namespace InfoRadio.Controller.Relay;

/// <summary>
/// Decodes an MP3 byte stream as it arrives, one MPEG frame at a time, to 48 kHz mono: NLayer reads a forward-only
/// stream (it only seeks when the stream can), the channels are averaged, and the existing sinc resampler brings the
/// rate to 48 kHz. Runs synchronously on its caller's thread until the stream ends, fails or is cancelled.
/// </summary>
internal static class RelayDecoder
{
    /// <summary>Samples per channel in an MPEG-1 Layer III frame; a read this size returns about every 24–26 ms.</summary>
    private const int FrameSamples = 1152;

    /// <summary>Decodes until the stream ends, telling <paramref name="onFormat"/> what the source is once its first frame is read.</summary>
    /// <exception cref="RelaySourceException">The stream holds no decodable MPEG audio.</exception>
    public static void Run(Stream mp3, Action<string> onFormat, Action<ReadOnlySpan<float>> onSamples, CancellationToken ct)
    {
        MpegFile file;
        try
        {
            file = new MpegFile(new ForwardOnlyStream(mp3));
        }
        catch (Exception e) when (e is not OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw new RelaySourceException($"the source sent no decodable MP3 audio ({e.Message})", true, e);
        }
        using (file)
        {
            var rate = file.SampleRate;
            var channels = file.Channels;
            if (rate is < AudioLimits.MinSampleRate or > AudioLimits.MaxSampleRate || channels is < 1 or > 2)
                throw new RelaySourceException($"the source's MP3 audio is unusable: {rate} Hz, {channels} channels", true);
            onFormat($"MP3 {rate} Hz {channels} ch");
            var resampler = rate == DecodedAudio.SampleRate ? null : new SincResampler(rate);
            var interleaved = new float[FrameSamples * channels];
            var mono = new float[FrameSamples];
            while (!ct.IsCancellationRequested)
            {
                var n = file.ReadSamples(interleaved);
                if (n <= 0) return;
                var frames = n / channels;
                for (var i = 0; i < frames; i++)
                {
                    var sum = 0f;
                    for (var c = 0; c < channels; c++) sum += interleaved[i * channels + c];
                    var x = sum / channels;
                    mono[i] = float.IsNaN(x) ? 0f : Math.Clamp(x, -1f, 1f);
                }
                onSamples(resampler is null ? mono.AsSpan(0, frames) : resampler.Process(mono.AsSpan(0, frames)));
            }
        }
    }
}
