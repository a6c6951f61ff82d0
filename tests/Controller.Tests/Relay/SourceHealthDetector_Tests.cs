using InfoRadio.Controller.Relay;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Relay;

public sealed class SourceHealthDetector_Tests
{
    private static readonly float Threshold = (float)Math.Pow(10, -50 / 20.0);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 9, 2, 8, 0, 0, TimeSpan.Zero));

    private SourceHealthDetector Detector() => new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20), Threshold, _time);

    private static float[] Tone(float amplitude) => Enumerable.Range(0, 1152).Select(i => amplitude * MathF.Sin(i * 0.1f)).ToArray();

    [Fact]
    public void No_audio_for_longer_than_the_timeout_is_no_data()
    {
        var detector = Detector();
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(SourceVerdict.Healthy, detector.Check());
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(SourceVerdict.NoData, detector.Check());

        detector.OnAudio(Tone(0.3f));
        Assert.Equal(SourceVerdict.Healthy, detector.Check());
        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(SourceVerdict.Healthy, detector.Check());
        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(SourceVerdict.NoData, detector.Check());
    }

    [Fact]
    public void Audio_below_the_threshold_for_longer_than_the_silence_timeout_is_silent()
    {
        var detector = Detector();
        detector.OnAudio(Tone(0.3f));
        Assert.True(detector.HeardSound);
        for (var s = 0; s < 20; s++)
        {
            detector.OnAudio(Tone(0.001f)); // about -63 dBFS
            Assert.Equal(SourceVerdict.Healthy, detector.Check());
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(TimeSpan.FromSeconds(20), detector.SilentFor);
        detector.OnAudio(Tone(0.001f));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(SourceVerdict.Silent, detector.Check());

        detector.OnAudio(Tone(0.01f)); // about -43 dBFS: sound again
        Assert.Equal(SourceVerdict.Healthy, detector.Check());
        Assert.Equal(TimeSpan.Zero, detector.SilentFor);
    }

    [Fact]
    public void Short_pauses_are_not_silence_and_reset_starts_a_new_connection()
    {
        var detector = Detector();
        for (var s = 0; s < 60; s++)
        {
            detector.OnAudio(s % 15 == 0 ? Tone(0.2f) : new float[1152]);
            _time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(SourceVerdict.Healthy, detector.Check());
        }
        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(SourceVerdict.NoData, detector.Check());
        detector.Reset();
        Assert.False(detector.HeardSound);
        Assert.Equal(SourceVerdict.Healthy, detector.Check());
    }
}
