using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Tests.Playback;

/// <summary>
/// A stream that stops without an end (the controller crashed, the broker or the link went): the speaker stops
/// sounding a few seconds past the last audio it got, and joins the same session again if its audio comes back.
/// </summary>
public sealed class PlayoutEngineStreamLossTests
{
    private static readonly List<byte[]> FourSeconds = OpusStream.Encode(OpusStream.Sine(4 * 48_000, 440));

    [Fact]
    public void A_stream_that_stops_without_an_end_stops_sounding_after_the_loss_timeout_and_stays_chosen()
    {
        using var rig = new EngineRig();
        rig.Engine.SetSession(EngineRig.Session("cut", rig.ControllerNowUs));
        rig.Feed(OpusStream.Packetize(7, FourSeconds, framesPerPacket: 5).Where(p => p.Position < 48_000 && !p.IsEnd));
        rig.Run(TimeSpan.FromSeconds(4)); // 1 s latency + 1 s of audio + 2 s of nothing: still within the 3 s
        Assert.Equal("cut", rig.Engine.Snapshot().PlayingSession);
        Assert.Empty(rig.EventsOf(DeviceEventType.PlayInterrupted));

        rig.Run(TimeSpan.FromSeconds(1.5));
        var interrupted = Assert.Single(rig.EventsOf(DeviceEventType.PlayInterrupted));
        Assert.Contains("the stream stopped", interrupted.Reason);
        Assert.Null(rig.Engine.Snapshot().PlayingSession);
        Assert.Equal("cut", rig.Engine.Snapshot().ChosenSession);
        Assert.Empty(rig.EventsOf(DeviceEventType.PlayFinished));
    }

    [Fact]
    public void Audio_of_the_session_coming_back_after_a_loss_starts_a_new_take_where_the_stream_is()
    {
        using var rig = new EngineRig();
        rig.Engine.SetSession(EngineRig.Session("blip", rig.ControllerNowUs));
        var packets = OpusStream.Packetize(7, FourSeconds, framesPerPacket: 5).ToList();
        rig.Feed(packets.Where(p => p.Position < 24_000));
        rig.Run(TimeSpan.FromSeconds(4.7)); // lost at 1 s latency + 0.5 s of audio + 3 s
        Assert.Single(rig.EventsOf(DeviceEventType.PlayInterrupted));

        rig.Feed(packets.Where(p => p.Position >= 180_000)); // from 3.75 s of the stream (not yet sounding) to the End
        rig.Run(TimeSpan.FromSeconds(2));
        Assert.Equal(2, rig.EventsOf(DeviceEventType.PlayStarted).Count);
        Assert.Single(rig.EventsOf(DeviceEventType.PlayFinished));
    }
}
