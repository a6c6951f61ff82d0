using InfoRadio.Controller.Audio;
using InfoRadio.Protocol;

namespace InfoRadio.Bench.Scenarios;

/// <summary>One tone burst of the latency signal: where it starts and its pitch, which tells it from its neighbours.</summary>
public sealed record LatencyMarker(int Index, int Position, double FrequencyHz);

/// <summary>
/// The latency scenario's source: quiet speech (peak 0.035, so the codec has a voice to code) with loud tone bursts
/// (peak 0.6, 40 ms) at known positions. The bursts cycle through six pitches, so that a burst found in an agent's
/// output is identified even if the latency were longer than the interval between bursts.
/// </summary>
public static class LatencySignal
{
    public static readonly IReadOnlyList<double> Frequencies = [500, 700, 1000, 1400, 2000, 2800];

    /// <summary>Level above which a sample belongs to a burst; speech stays far below it.</summary>
    public const float Threshold = 0.2f;

    public const int BurstSamples = ProtocolVersion.SampleRate * 40 / 1000;

    public static (float[] Samples, IReadOnlyList<LatencyMarker> Markers) Create(TimeSpan length, TimeSpan interval)
    {
        var samples = SpeechLikeSignal.Generate(seed: 2026, length);
        for (var i = 0; i < samples.Length; i++) samples[i] *= 0.05f;
        var markers = new List<LatencyMarker>();
        var step = (int)(interval.TotalSeconds * ProtocolVersion.SampleRate);
        // The first burst after a second, so that the stream is well under way; none cut off by the end.
        for (var position = ProtocolVersion.SampleRate; position + BurstSamples <= samples.Length - ProtocolVersion.SampleRate / 2; position += step)
        {
            var marker = new LatencyMarker(markers.Count, position, Frequencies[markers.Count % Frequencies.Count]);
            markers.Add(marker);
            AddBurst(samples, marker);
        }
        return (samples, markers);
    }

    private static void AddBurst(float[] samples, LatencyMarker marker)
    {
        var edge = ProtocolVersion.SampleRate / 1000; // 1 ms raised-cosine edges
        for (var i = 0; i < BurstSamples; i++)
        {
            var envelope = i < edge ? 0.5 - 0.5 * Math.Cos(Math.PI * i / edge)
                : BurstSamples - i < edge ? 0.5 - 0.5 * Math.Cos(Math.PI * (BurstSamples - i) / edge)
                : 1.0;
            samples[marker.Position + i] = (float)(0.6 * envelope * Math.Sin(2 * Math.PI * marker.FrequencyHz * i / ProtocolVersion.SampleRate));
        }
    }
}
