using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Tests.Playback;

public sealed class PlayoutEngineOutputTests
{
    private static readonly List<byte[]> OneSecond = OpusStream.Encode(OpusStream.Sine(48_000, 440, amplitude: 0.8));

    private static List<short> Play(int deviceVolume, int? sessionVolume)
    {
        using var rig = new EngineRig(volume: deviceVolume);
        rig.Engine.SetSession(EngineRig.Session("news", rig.ControllerNowUs, volume: sessionVolume));
        rig.Feed(OpusStream.Packetize(7, OneSecond));
        rig.Run(TimeSpan.FromSeconds(2.1));
        return rig.Sink.Takes[0].Samples;
    }

    private static short Scaled(short sample, int volume)
    {
        var scaled = sample * volume;
        return (short)((scaled + (scaled >= 0 ? 50 : -50)) / 100);
    }

    [Fact]
    public void The_device_volume_is_applied_as_a_gain()
    {
        var full = Play(100, null);
        var half = Play(50, null);
        Assert.Equal(full.Count, half.Count);
        Assert.True(OpusStream.Rms(full.ToArray()) > 10_000);
        Assert.Equal(full.Select(s => Scaled(s, 50)), half);
    }

    [Fact]
    public void A_session_volume_overrides_the_device_volume()
    {
        var full = Play(100, null);
        var forced = Play(10, 80);
        Assert.Equal(full.Select(s => Scaled(s, 80)), forced);
        Assert.All(Play(100, 0), s => Assert.Equal(0, s));
    }

    [Fact]
    public void A_volume_change_applies_from_the_next_frame()
    {
        using var rig = new EngineRig();
        rig.Engine.SetSession(EngineRig.Session("news", rig.ControllerNowUs));
        rig.Feed(OpusStream.Packetize(7, OneSecond));
        rig.Run(TimeSpan.FromSeconds(1.5));
        rig.Engine.DeviceVolume = 0;
        var before = rig.Sink.Takes[0].Samples.Count;
        rig.Run(TimeSpan.FromSeconds(0.6));
        Assert.All(rig.Sink.Takes[0].Samples.Skip(before), s => Assert.Equal(0, s));
        Assert.Equal(0, rig.Engine.Snapshot().DeviceVolume);
    }

    private static List<short> PlayMuted(PriorityClass priority, int? sessionVolume, int deviceVolume = 100)
    {
        using var rig = new EngineRig(volume: deviceVolume);
        rig.Engine.Muted = true;
        rig.Engine.SetSession(EngineRig.Session("s", rig.ControllerNowUs, volume: sessionVolume, priority: priority));
        rig.Feed(OpusStream.Packetize(7, OneSecond));
        rig.Run(TimeSpan.FromSeconds(2.1));
        Assert.Single(rig.EventsOf(DeviceEventType.PlayFinished)); // muted audio still plays its timeline and reports
        return rig.Sink.Takes[0].Samples;
    }

    [Fact]
    public void Mute_silences_normal_and_priority_sessions_even_with_a_forced_volume()
    {
        Assert.All(PlayMuted(PriorityClass.Normal, null), s => Assert.Equal(0, s));
        Assert.All(PlayMuted(PriorityClass.Priority, 90), s => Assert.Equal(0, s));
    }

    [Fact]
    public void Mute_never_silences_an_emergency_which_plays_at_its_forced_volume()
    {
        var full = Play(100, null);
        Assert.Equal(full.Select(s => Scaled(s, 80)), PlayMuted(PriorityClass.Emergency, 80, deviceVolume: 10));
        Assert.Equal(full.Select(s => Scaled(s, 30)), PlayMuted(PriorityClass.Emergency, null, deviceVolume: 30));
    }

    [Fact]
    public void Unmuting_restores_the_sound_of_a_session_in_place()
    {
        using var rig = new EngineRig();
        rig.Engine.Muted = true;
        rig.Engine.SetSession(EngineRig.Session("news", rig.ControllerNowUs));
        rig.Feed(OpusStream.Packetize(7, OneSecond));
        rig.Run(TimeSpan.FromSeconds(1.4));
        var muted = rig.Sink.Takes[0].Samples.Count;
        Assert.True(muted > 0);
        Assert.All(rig.Sink.Takes[0].Samples, s => Assert.Equal(0, s));
        rig.Engine.Muted = false;
        rig.Run(TimeSpan.FromSeconds(0.3));
        Assert.Single(rig.Sink.Takes); // the same take: nothing restarted
        Assert.True(OpusStream.Rms(rig.Sink.Takes[0].Samples.Skip(muted).ToArray()) > 10_000);
    }

    [Fact]
    public void The_test_tone_plays_two_seconds_of_one_kilohertz_when_idle()
    {
        using var rig = new EngineRig();
        Assert.True(rig.Engine.TryStartTestTone());
        Assert.False(rig.Engine.TryStartTestTone()); // already playing it
        rig.Run(TimeSpan.FromSeconds(1));
        var take = Assert.Single(rig.Sink.Takes);
        Assert.InRange(take.Samples.Count, 47_040, 48_960); // paced in real time, not written at once
        rig.Run(TimeSpan.FromSeconds(1.1));

        Assert.Equal("test-tone", take.Session);
        Assert.Equal(96_000, take.Samples.Count);
        Assert.True(take.Closed);
        Assert.InRange(OpusStream.ZeroCrossingFrequency(take.Samples.ToArray()), 990, 1010);
        Assert.Empty(rig.Events); // a tone is not a session: no play events
    }

    [Fact]
    public void The_test_tone_is_refused_while_a_session_plays_and_gives_way_to_one_that_starts()
    {
        using var rig = new EngineRig();
        rig.Engine.SetSession(EngineRig.Session("news", rig.ControllerNowUs + 500_000));
        rig.Feed(OpusStream.Packetize(7, OneSecond));
        Assert.True(rig.Engine.TryStartTestTone()); // the session waits for its instant: nothing plays yet
        rig.Run(TimeSpan.FromSeconds(1.6));

        Assert.Equal(new[] { "test-tone", "news" }, rig.Sink.Takes.Select(t => t.Session));
        Assert.True(rig.Sink.Takes[0].Closed);
        Assert.False(rig.Engine.TryStartTestTone());
    }

    [Fact]
    public async Task The_engine_ticks_on_its_time_provider()
    {
        using var rig = new EngineRig();
        using var cts = new CancellationTokenSource();
        var running = rig.Engine.RunAsync(cts.Token);
        rig.Engine.SetSession(EngineRig.Session("news", rig.ControllerNowUs));
        rig.Feed(OpusStream.Packetize(7, OneSecond));
        for (var i = 0; i < 250 && rig.EventsOf(DeviceEventType.PlayFinished).Count == 0; i++)
        {
            rig.Time.Advance(EngineRig.Tick);
            await Task.Delay(2);
        }
        await Eventually.TrueAsync(() => rig.EventsOf(DeviceEventType.PlayFinished).Count == 1, "the session finished");
        Assert.Equal(48_000, rig.Sink.Takes[0].Samples.Count);
        cts.Cancel();
        await running;
    }

    [Fact]
    public async Task An_idle_engine_sleeps_until_there_is_something_to_play()
    {
        using var rig = new EngineRig();
        using var cts = new CancellationTokenSource();
        var running = rig.Engine.RunAsync(cts.Token);
        await Eventually.TrueAsync(() =>
        {
            rig.Time.Advance(EngineRig.Tick);
            return rig.Engine.Ticks >= 1;
        }, "the first tick");
        var first = rig.Engine.Ticks;
        for (var i = 0; i < 50; i++)
        {
            rig.Time.Advance(EngineRig.Tick);
            await Task.Delay(1);
        }
        Assert.InRange(rig.Engine.Ticks - first, 0, 1); // it found nothing to do and waited

        Assert.True(rig.Engine.TryStartTestTone());
        await Eventually.TrueAsync(() =>
        {
            rig.Time.Advance(EngineRig.Tick);
            return rig.Sink.Takes.Count == 1 && rig.Sink.Takes[0].Samples.Count > 0;
        }, "the tone woke the engine");
        var afterTone = 0L;
        await Eventually.TrueAsync(() =>
        {
            rig.Time.Advance(EngineRig.Tick);
            afterTone = rig.Engine.Ticks;
            return rig.Sink.Takes[0].Closed;
        }, "the tone ended");
        for (var i = 0; i < 50; i++)
        {
            rig.Time.Advance(EngineRig.Tick);
            await Task.Delay(1);
        }
        Assert.InRange(rig.Engine.Ticks - afterTone, 0, 2);
        cts.Cancel();
        await running;
    }
}
