using InfoRadio.Controller.Broker;
using InfoRadio.Controller.Enrollment;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Enrollment;
using InfoRadio.Protocol.Topics;
using MQTTnet;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Tests.Enrollment;

/// <summary>What an enrollment session may do: the pure ACL, then the real broker with real clients.</summary>
public sealed class EnrollmentAcl_Tests
{
    private const string Token = "install-token-0123456789";
    private static readonly TopicAccessPolicy Policy = new();
    private static readonly ClientIdentity Session = ClientIdentity.Enrollment("sn-1");

    public static TheoryData<string> ForbiddenPublications => new()
    {
        TopicTree.EnrollmentRequest("sn-2"), TopicTree.EnrollmentResponse("sn-1"), TopicTree.DeviceState("sn-1"),
        TopicTree.DeviceEvents("sn-1"), TopicTree.ZoneDesired("all"), TopicTree.StreamAudio(1), "inforadio/v1/enroll/+/req", "$SYS/x", "other",
    };

    public static TheoryData<string> ForbiddenFilters => new()
    {
        TopicTree.EnrollmentResponse("sn-2"), TopicTree.EnrollmentRequest("sn-1"), "inforadio/v1/enroll/+/resp", "inforadio/v1/enroll/#", "#",
        TopicTree.DeviceCommands("sn-1"), TopicTree.DeviceDesired("sn-1"), TopicTree.ZoneDesired("all"), TopicTree.StreamAudio(1), "$SYS/#",
    };

    [Fact]
    public void A_session_may_only_publish_its_own_request_unretained_and_subscribe_to_its_own_answer()
    {
        Assert.True(Policy.CanPublish(Session, TopicTree.EnrollmentRequest("sn-1"), retain: false).Allowed);
        Assert.False(Policy.CanPublish(Session, TopicTree.EnrollmentRequest("sn-1"), retain: true).Allowed);
        Assert.True(Policy.CanSubscribe(Session, TopicTree.EnrollmentResponse("sn-1")).Allowed);
        Assert.False(Policy.CanUseWill(Session, TopicTree.DeviceState("sn-1")).Allowed);
    }

    [Theory, MemberData(nameof(ForbiddenPublications))]
    public void Every_other_publication_is_refused(string topic) => Assert.False(Policy.CanPublish(Session, topic, false).Allowed);

    [Theory, MemberData(nameof(ForbiddenFilters))]
    public void Every_other_subscription_is_refused(string filter) => Assert.False(Policy.CanSubscribe(Session, filter).Allowed);

    [Fact]
    public void Devices_may_not_use_enrollment_topics()
    {
        var device = ClientIdentity.Device("sn-1");
        Assert.False(Policy.CanPublish(device, TopicTree.EnrollmentRequest("sn-1"), false).Allowed);
        Assert.False(Policy.CanPublish(device, TopicTree.EnrollmentResponse("sn-1"), false).Allowed);
        Assert.False(Policy.CanSubscribe(device, TopicTree.EnrollmentResponse("sn-1")).Allowed);
        Assert.False(Policy.CanSubscribe(device, TopicTree.EnrollmentRequest("sn-1")).Allowed);
    }

    [Fact]
    public void The_tokens_match_only_their_hashes()
    {
        var tokens = new EnrollmentTokens([EnrollmentTokens.Hash("a-token"), EnrollmentTokens.Hash(Token)]);
        Assert.True(tokens.Matches(Token));
        Assert.True(tokens.Matches("a-token"));
        Assert.False(tokens.Matches("A-token"));
        Assert.False(tokens.Matches(""));
        Assert.False(tokens.Matches(null));
        Assert.False(EnrollmentTokens.None.Matches(Token));
        Assert.Equal("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", EnrollmentTokens.Hash("test"));
    }

    [Fact]
    public async Task The_broker_admits_a_right_token_only_with_a_serial_client_id_and_no_will()
    {
        await using var broker = await TestBroker.StartAsync(tokens: new EnrollmentTokens([EnrollmentTokens.Hash(Token)]));
        var (wrong, result) = await broker.TryConnectAsync("enroll.sn-1", EnrollmentIds.Username, "guess");
        await wrong.DisposeAsync();
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
        var (badId, idResult) = await broker.TryConnectAsync("sn-1", EnrollmentIds.Username, Token);
        await badId.DisposeAsync();
        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, idResult.ResultCode);
        var (withWill, willResult) = await broker.TryConnectAsync("enroll.sn-1", EnrollmentIds.Username, Token,
            o => o.WithWillTopic(TopicTree.DeviceState("sn-1")).WithWillPayload([1]));
        await withWill.DisposeAsync();
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, willResult.ResultCode);
        Assert.Equal(3, broker.Counters.EnrollmentRefused);
        Assert.Equal(0, broker.Counters.EnrollmentSessions);
        // Nobody may register a device called "enroll".
        Assert.Throws<Controller.Devices.DeviceRegistrationException>(() => broker.Registry.Register(EnrollmentIds.Username, null));

        await using var controller = await broker.ConnectControllerAsync();
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await controller.SubscribeAsync("#"));
        var (session, ok) = await broker.TryConnectAsync("enroll.sn-1", EnrollmentIds.Username, Token);
        await using var _ = session;
        Assert.Equal(MqttClientConnectResultCode.Success, ok.ResultCode);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await session.SubscribeAsync(TopicTree.EnrollmentResponse("sn-1")));
        Assert.True((int)await session.SubscribeAsync(TopicTree.EnrollmentResponse("sn-2")) >= 0x80);
        Assert.True((int)await session.SubscribeAsync(TopicTree.ZoneDesired("all")) >= 0x80);
        Assert.True((int)await session.SubscribeAsync("#") >= 0x80);

        var denied = await session.PublishAsync(TopicTree.DeviceState("victim"), [1]);
        Assert.False(denied.IsSuccess);
        await session.PublishAsync(TopicTree.EnrollmentRequest("sn-1"), [2]);
        await controller.WaitForTopicAsync(TopicTree.EnrollmentRequest("sn-1"));
        Assert.False(controller.HasReceived(TopicTree.DeviceState("victim")));

        // The controller's answer reaches the session.
        await controller.PublishAsync(TopicTree.EnrollmentResponse("sn-1"), [3]);
        await session.WaitForTopicAsync(TopicTree.EnrollmentResponse("sn-1"));
        Assert.Equal(1, broker.Counters.EnrollmentSessions);
    }
}
