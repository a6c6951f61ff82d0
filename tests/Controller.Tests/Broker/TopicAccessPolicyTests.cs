using InfoRadio.Controller.Broker;
using InfoRadio.Protocol.Topics;

namespace InfoRadio.Controller.Tests.Broker;

public sealed class TopicAccessPolicyTests
{
    private const string Me = "dev-a";
    private const string Other = "dev-b";
    private const string R = TopicTree.Root;

    private static readonly TopicAccessPolicy Policy = new();
    private static readonly ClientIdentity Device = ClientIdentity.Device(Me);

    /// <summary>Every topic of the tree, for this device and another, plus zone and stream topics.</summary>
    public static TheoryData<string> EveryTreeTopic()
    {
        var data = new TheoryData<string>();
        foreach (var id in new[] { Me, Other })
        {
            data.Add(TopicTree.DeviceState(id));
            data.Add(TopicTree.DeviceTelemetry(id));
            data.Add(TopicTree.DeviceEvents(id));
            data.Add(TopicTree.ClockRequest(id));
            data.Add(TopicTree.ClockResponse(id));
            data.Add(TopicTree.DeviceDesired(id));
            data.Add(TopicTree.DeviceCommands(id));
            data.Add(TopicTree.DevicePlan(id));
        }
        data.Add(TopicTree.ZoneDesired(TopicTree.AllZone));
        data.Add(TopicTree.ZoneDesired("xa-phu-ly"));
        data.Add(TopicTree.StreamAudio(1));
        data.Add(TopicTree.StreamAudio(4_000_000_000));
        return data;
    }

    public static TheoryData<string> Malformed() => new()
    {
        "",
        "#",
        "+",
        "$SYS/#",
        "$SYS/broker/clients/connected",
        "$share/group/" + R + "/devices/dev-a/desired",
        R,
        R + "/",
        R + "/#",
        R + "/devices/#",
        R + "/devices/+/state",
        R + "/devices/dev-a/#",
        R + "/devices/dev-a/+",
        R + "/devices/dev-a/clock/#",
        R + "/devices/dev-a/clock/+",
        R + "/zones/+/desired",
        R + "/streams/+/audio",
        R + "/streams/#",
        "+/v1/devices/dev-a/desired",
        "inforadio/+/devices/dev-a/desired",
        "other/tree",
        "inforadio/v2/devices/dev-a/state",
        R + "/devices/dev-a/state/extra",
        R + "/devices/dev-a",
        R + "/devices/DEV-A/state",
        R + "/devices/dev-a/clock",
        R + "/devices/dev-a/clock/other",
        R + "/zones/Zone1/desired",
        R + "/zones/all/state",
        R + "/streams/01/audio",
        R + "/streams/-1/audio",
        R + "/streams/x/audio",
        R + "/streams/4294967296/audio",
        R + "/streams/1/video",
        "/" + R + "/devices/dev-a/state",
    };

    [Theory]
    [MemberData(nameof(EveryTreeTopic))]
    [MemberData(nameof(Malformed))]
    public void The_controller_may_publish_and_subscribe_anywhere(string topic)
    {
        Assert.True(Policy.CanPublish(ClientIdentity.Controller, topic, retain: true).Allowed);
        Assert.True(Policy.CanSubscribe(ClientIdentity.Controller, topic).Allowed);
        Assert.True(Policy.CanUseWill(ClientIdentity.Controller, topic).Allowed);
    }

    [Theory]
    [MemberData(nameof(EveryTreeTopic))]
    public void A_device_publishes_only_to_its_own_state_telemetry_events_and_clock_requests(string topic)
    {
        var allowed = topic == TopicTree.DeviceState(Me) || topic == TopicTree.DeviceTelemetry(Me)
            || topic == TopicTree.DeviceEvents(Me) || topic == TopicTree.ClockRequest(Me);

        var decision = Policy.CanPublish(Device, topic, retain: false);

        Assert.Equal(allowed, decision.Allowed);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
    }

    [Theory]
    [MemberData(nameof(EveryTreeTopic))]
    public void A_device_retains_only_its_own_state(string topic)
    {
        Assert.Equal(topic == TopicTree.DeviceState(Me), Policy.CanPublish(Device, topic, retain: true).Allowed);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_device_never_publishes_to_wildcards_system_or_foreign_topics(string topic)
    {
        var decision = Policy.CanPublish(Device, topic, retain: false);
        Assert.False(decision.Allowed);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
    }

    [Theory]
    [MemberData(nameof(EveryTreeTopic))]
    public void A_device_subscribes_only_to_its_own_inputs_zones_and_streams(string filter)
    {
        var allowed = filter == TopicTree.DeviceDesired(Me) || filter == TopicTree.DeviceCommands(Me)
            || filter == TopicTree.ClockResponse(Me) || filter == TopicTree.DevicePlan(Me)
            || filter.StartsWith(R + "/zones/", StringComparison.Ordinal)
            || filter.StartsWith(R + "/streams/", StringComparison.Ordinal);

        var decision = Policy.CanSubscribe(Device, filter);

        Assert.Equal(allowed, decision.Allowed);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_device_never_subscribes_to_wildcards_system_or_foreign_filters(string filter)
    {
        var decision = Policy.CanSubscribe(Device, filter);
        Assert.False(decision.Allowed);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
    }

    [Fact]
    public void Stream_zero_is_refused_because_no_session_uses_it()
    {
        Assert.False(Policy.CanSubscribe(Device, TopicTree.Root + "/streams/0/audio").Allowed);
    }

    [Theory]
    [MemberData(nameof(EveryTreeTopic))]
    [MemberData(nameof(Malformed))]
    public void A_device_Will_must_be_its_own_state_topic(string willTopic)
    {
        var decision = Policy.CanUseWill(Device, willTopic);
        Assert.Equal(willTopic == TopicTree.DeviceState(Me), decision.Allowed);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
    }

    [Fact]
    public void Reasons_name_the_problem()
    {
        Assert.Contains("wildcard", Policy.CanSubscribe(Device, "#").Reason);
        Assert.Contains("$", Policy.CanSubscribe(Device, "$SYS/#").Reason);
        Assert.Contains(Other, Policy.CanPublish(Device, TopicTree.DeviceState(Other), false).Reason);
        Assert.Contains("stream audio", Policy.CanPublish(Device, TopicTree.StreamAudio(3), false).Reason);
        Assert.Contains("retained", Policy.CanPublish(Device, TopicTree.DeviceTelemetry(Me), true).Reason);
        Assert.Contains(TopicTree.DeviceState(Me), Policy.CanUseWill(Device, TopicTree.DeviceState(Other)).Reason);
    }

    [Fact]
    public void An_identity_with_an_invalid_device_id_gets_no_Will()
    {
        Assert.False(Policy.CanUseWill(ClientIdentity.Device("Bad Id"), R + "/devices/Bad Id/state").Allowed);
    }
}
