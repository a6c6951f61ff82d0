using InfoRadio.Protocol.Topics;

namespace InfoRadio.Protocol.Tests.Topics;

public class TopicName_Tests
{
    [Theory]
    [InlineData(TopicKind.DeviceState, true)]
    [InlineData(TopicKind.DeviceTelemetry, true)]
    [InlineData(TopicKind.DeviceEvents, true)]
    [InlineData(TopicKind.ClockRequest, true)]
    [InlineData(TopicKind.ClockResponse, false)]
    [InlineData(TopicKind.DeviceDesired, false)]
    [InlineData(TopicKind.DeviceCommands, false)]
    [InlineData(TopicKind.ZoneDesired, false)]
    [InlineData(TopicKind.StreamAudio, false)]
    public void Only_state_telemetry_events_and_clock_requests_are_device_writable(TopicKind kind, bool writable) =>
        Assert.Equal(writable, new TopicName(kind, "1").IsDeviceWritable);

    [Fact]
    public void Every_kind_formats_and_parses_back()
    {
        foreach (var kind in Enum.GetValues<TopicKind>())
        {
            var name = new TopicName(kind, "42");
            Assert.True(TopicTree.TryParse(name.ToString(), out var parsed), kind.ToString());
            Assert.Equal(name, parsed);
        }
    }

    [Fact]
    public void An_unknown_kind_cannot_be_formatted() =>
        Assert.Throws<InvalidOperationException>(() => new TopicName((TopicKind)99, "x").ToString());
}
