using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Emergency;

namespace InfoRadio.Controller.Tests.Emergency;

public sealed class AlertChime_Tests
{
    [Fact]
    public void The_chime_is_under_two_seconds_of_three_descending_tones_that_ends_silent()
    {
        var chime = AlertChime.Generate();
        Assert.InRange(chime.Duration.TotalSeconds, 1.5, 2.0);
        Assert.InRange(chime.Samples.Max(Math.Abs), 0.5f, 0.71f);
        Assert.Equal(0f, chime.Samples[^1]);
        // The dominant pitch of each tone's first 100 ms (after its strike), by zero crossings.
        var pitches = Enumerable.Range(0, 3).Select(t => Pitch(chime.Samples.AsSpan(t * 26_400 + 2_400, 4_800))).ToArray();
        Assert.InRange(pitches[0], 760, 810);
        Assert.InRange(pitches[1], 640, 680);
        Assert.InRange(pitches[2], 505, 545);
    }

    private static double Pitch(ReadOnlySpan<float> samples)
    {
        var crossings = 0;
        for (var i = 1; i < samples.Length; i++) if (samples[i - 1] < 0 != samples[i] < 0) crossings++;
        return crossings / 2.0 / (samples.Length / (double)DecodedAudio.SampleRate);
    }
}
