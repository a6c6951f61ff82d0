using InfoRadio.Controller.Audio;

namespace InfoRadio.Controller.Tests.Audio;

public class SecondByAlignment_Tests
{
    private static readonly float[] Speech = SpeechLikeSignal.Generate(seed: 3, TimeSpan.FromSeconds(5));

    [Fact]
    public void A_faithful_copy_lines_up_in_every_second_at_its_lag()
    {
        var played = new float[Speech.Length + 100];
        Speech.CopyTo(played, 100);

        var (min, lagMin, lagMax) = SecondByAlignment.Measure(Speech, played, 100);

        Assert.True(min > 0.999, $"min {min}");
        Assert.Equal((100, 100), (lagMin, lagMax));
    }

    [Fact]
    public void Samples_inserted_part_way_show_as_a_range_of_lags()
    {
        // Three samples inserted after 2.5 s, as a speaker catching up with its clock would.
        const int At = 120_000;
        var played = new float[Speech.Length + 3];
        Speech.AsSpan(0, At).CopyTo(played);
        Speech.AsSpan(At).CopyTo(played.AsSpan(At + 3));

        var (min, lagMin, lagMax) = SecondByAlignment.Measure(Speech, played, 0);

        Assert.Equal((0, 3), (lagMin, lagMax));
        Assert.True(min > 0.9, $"min {min}");
    }

    [Fact]
    public void Unrelated_audio_correlates_poorly()
    {
        var other = SpeechLikeSignal.Generate(seed: 99, TimeSpan.FromSeconds(5));

        var (min, _, _) = SecondByAlignment.Measure(Speech, other, 0);

        Assert.True(min < 0.5, $"min {min}");
    }
}
