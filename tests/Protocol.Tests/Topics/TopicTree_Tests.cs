using InfoRadio.Protocol.Topics;

namespace InfoRadio.Protocol.Tests.Topics;

public class TopicTree_Tests
{
    public static TheoryData<string, TopicKind, string> Canonical => new()
    {
        { "inforadio/v1/devices/d1/state", TopicKind.DeviceState, "d1" },
        { "inforadio/v1/devices/d1/telemetry", TopicKind.DeviceTelemetry, "d1" },
        { "inforadio/v1/devices/d1/events", TopicKind.DeviceEvents, "d1" },
        { "inforadio/v1/devices/d1/clock/req", TopicKind.ClockRequest, "d1" },
        { "inforadio/v1/devices/d1/clock/resp", TopicKind.ClockResponse, "d1" },
        { "inforadio/v1/devices/d1/desired", TopicKind.DeviceDesired, "d1" },
        { "inforadio/v1/devices/d1/commands", TopicKind.DeviceCommands, "d1" },
        { "inforadio/v1/zones/all/desired", TopicKind.ZoneDesired, "all" },
        { "inforadio/v1/zones/thon-3/desired", TopicKind.ZoneDesired, "thon-3" },
        { "inforadio/v1/streams/1/audio", TopicKind.StreamAudio, "1" },
        { "inforadio/v1/streams/4294967295/audio", TopicKind.StreamAudio, "4294967295" },
    };

    [Fact]
    public void Builders_write_the_documented_topics()
    {
        Assert.Equal("inforadio/v1/devices/loa-1/state", TopicTree.DeviceState("loa-1"));
        Assert.Equal("inforadio/v1/devices/loa-1/telemetry", TopicTree.DeviceTelemetry("loa-1"));
        Assert.Equal("inforadio/v1/devices/loa-1/events", TopicTree.DeviceEvents("loa-1"));
        Assert.Equal("inforadio/v1/devices/loa-1/clock/req", TopicTree.ClockRequest("loa-1"));
        Assert.Equal("inforadio/v1/devices/loa-1/clock/resp", TopicTree.ClockResponse("loa-1"));
        Assert.Equal("inforadio/v1/devices/loa-1/desired", TopicTree.DeviceDesired("loa-1"));
        Assert.Equal("inforadio/v1/devices/loa-1/commands", TopicTree.DeviceCommands("loa-1"));
        Assert.Equal("inforadio/v1/zones/all/desired", TopicTree.ZoneDesired(TopicTree.AllZone));
        Assert.Equal("inforadio/v1/zones/z_9/desired", TopicTree.ZoneDesired("z_9"));
        Assert.Equal("inforadio/v1/streams/7/audio", TopicTree.StreamAudio(7));
        Assert.Equal("inforadio/v1/streams/4294967295/audio", TopicTree.StreamAudio(uint.MaxValue));
    }

    [Fact]
    public void The_controller_filters_cover_exactly_the_device_written_topics()
    {
        Assert.Equal("inforadio/v1/devices/+/state", TopicTree.Filters.AllDeviceStates);
        Assert.Equal("inforadio/v1/devices/+/telemetry", TopicTree.Filters.AllDeviceTelemetry);
        Assert.Equal("inforadio/v1/devices/+/events", TopicTree.Filters.AllDeviceEvents);
        Assert.Equal("inforadio/v1/devices/+/clock/req", TopicTree.Filters.AllClockRequests);
    }

    [Theory, MemberData(nameof(Canonical))]
    public void Parses_every_topic_kind(string topic, TopicKind kind, string id)
    {
        Assert.True(TopicTree.TryParse(topic, out var name));
        Assert.Equal(new TopicName(kind, id), name);
        Assert.Equal(topic, name.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("+")]
    [InlineData("#")]
    [InlineData("a/b")]
    [InlineData("A1")]
    [InlineData("a b")]
    [InlineData("$SYS")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Builders_refuse_ids_that_could_change_the_topic(string id)
    {
        Func<string, string>[] builders =
        [
            TopicTree.DeviceState, TopicTree.DeviceTelemetry, TopicTree.DeviceEvents, TopicTree.ClockRequest,
            TopicTree.ClockResponse, TopicTree.DeviceDesired, TopicTree.DeviceCommands, TopicTree.ZoneDesired,
        ];
        foreach (var build in builders)
        {
            var ex = Assert.Throws<ArgumentException>(() => build(id));
            Assert.Contains(" id ", ex.Message);
        }
    }

    [Fact]
    public void Stream_0_has_no_topic() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TopicTree.StreamAudio(0));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("inforadio/v1")]
    [InlineData("inforadio/v1/")]
    [InlineData("/inforadio/v1/devices/d1/state")] // leading slash is a different (empty) first level
    [InlineData("inforadio/v2/devices/d1/state")] // wrong root
    [InlineData("InfoRadio/v1/devices/d1/state")]
    [InlineData("inforadio/devices/d1/state")]
    [InlineData("devices/d1/state")]
    [InlineData("$SYS/broker/uptime")]
    [InlineData("inforadio/v1//devices/d1/state")]
    [InlineData("inforadio/v1/device/d1/state")]
    [InlineData("inforadio/v1/devices/d1")] // missing level
    [InlineData("inforadio/v1/devices/d1/")]
    [InlineData("inforadio/v1/devices/d1/state/")] // extra empty level
    [InlineData("inforadio/v1/devices/d1/state/x")] // extra level
    [InlineData("inforadio/v1/devices/d1/clock")]
    [InlineData("inforadio/v1/devices/d1/clock/")]
    [InlineData("inforadio/v1/devices/d1/clock/request")]
    [InlineData("inforadio/v1/devices/d1/clock/req/x")]
    [InlineData("inforadio/v1/devices/d1/State")]
    [InlineData("inforadio/v1/devices/d1/unknown")]
    [InlineData("inforadio/v1/devices/+/state")] // wildcards
    [InlineData("inforadio/v1/devices/#")]
    [InlineData("inforadio/v1/devices/d1/#")]
    [InlineData("inforadio/v1/devices/d1/+")]
    [InlineData("inforadio/v1/+/d1/state")]
    [InlineData("inforadio/v1/#")]
    [InlineData("inforadio/v1/devices//state")] // bad ids
    [InlineData("inforadio/v1/devices/D1/state")]
    [InlineData("inforadio/v1/devices/-d1/state")]
    [InlineData("inforadio/v1/devices/d 1/state")]
    [InlineData("inforadio/v1/devices/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/state")]
    [InlineData("inforadio/v1/zones/all")]
    [InlineData("inforadio/v1/zones/all/desired/x")]
    [InlineData("inforadio/v1/zones/all/state")]
    [InlineData("inforadio/v1/zones/+/desired")]
    [InlineData("inforadio/v1/zones/Z1/desired")]
    [InlineData("inforadio/v1/zones//desired")]
    [InlineData("inforadio/v1/streams/7")]
    [InlineData("inforadio/v1/streams/7/audio/x")]
    [InlineData("inforadio/v1/streams/7/desired")]
    [InlineData("inforadio/v1/streams/+/audio")]
    [InlineData("inforadio/v1/streams//audio")]
    [InlineData("inforadio/v1/streams/0/audio")] // reserved
    [InlineData("inforadio/v1/streams/007/audio")] // not canonical
    [InlineData("inforadio/v1/streams/00/audio")]
    [InlineData("inforadio/v1/streams/-1/audio")]
    [InlineData("inforadio/v1/streams/+1/audio")]
    [InlineData("inforadio/v1/streams/ 1/audio")]
    [InlineData("inforadio/v1/streams/1 /audio")]
    [InlineData("inforadio/v1/streams/1.0/audio")]
    [InlineData("inforadio/v1/streams/0x10/audio")]
    [InlineData("inforadio/v1/streams/1e3/audio")]
    [InlineData("inforadio/v1/streams/4294967296/audio")] // past u32
    [InlineData("inforadio/v1/streams/\u0661/audio")] // Arabic-Indic digit one
    [InlineData("inforadio/v1/streams/abc/audio")]
    public void Rejects_anything_outside_the_v1_tree(string? topic)
    {
        Assert.False(TopicTree.TryParse(topic, out var name));
        Assert.Equal(default, name);
    }
}
