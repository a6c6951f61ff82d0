using System.Text;
using InfoRadio.Protocol.Enrollment;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;

namespace InfoRadio.Protocol.Tests.Enrollment;

public sealed class EnrollmentMessages_Tests
{
    private static string Key()
    {
        using var key = DeviceKeys.Create();
        return Convert.ToBase64String(DeviceKeys.ExportPublic(key));
    }

    private static ParseResult<T> Parse<T>(string json) where T : class, IValidatable => MessageCodec.Parse<T>(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_request_round_trips_and_its_rules_hold()
    {
        var key = Key();
        var request = new EnrollmentRequest { Serial = "IR-2024-0001", Firmware = "fw/1.2", Imei = "356938035643809", PublicKey = key, SentUs = 1_700_000_000_000_000 };
        var parsed = MessageCodec.Parse<EnrollmentRequest>(MessageCodec.Encode(request));
        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Equal(request, parsed.Value);

        Assert.Contains("serial", Parse<EnrollmentRequest>($$"""{"v":1,"serial":"bad serial","firmware":"f","publicKey":"{{key}}","sentUs":1700000000000000}""").Error);
        Assert.Contains("serial", Parse<EnrollmentRequest>($$"""{"v":1,"serial":"enroll.x","firmware":"f","publicKey":"{{key}}","sentUs":1700000000000000}""").Error);
        Assert.Contains("imei", Parse<EnrollmentRequest>($$"""{"v":1,"serial":"a","firmware":"f","imei":"12ab","publicKey":"{{key}}","sentUs":1700000000000000}""").Error);
        Assert.Contains("publicKey", Parse<EnrollmentRequest>("""{"v":1,"serial":"a","firmware":"f","publicKey":"AAAA","sentUs":1700000000000000}""").Error);
        Assert.Contains("publicKey", Parse<EnrollmentRequest>("""{"v":1,"serial":"a","firmware":"f","publicKey":"not base64!","sentUs":1700000000000000}""").Error);
        Assert.False(Parse<EnrollmentRequest>($$"""{"v":1,"serial":"a","publicKey":"{{key}}","sentUs":1700000000000000}""").IsOk);
    }

    [Fact]
    public void Only_an_approved_response_carries_credentials_and_only_a_rejected_one_a_reason()
    {
        using var device = DeviceKeys.Create();
        var envelope = CredentialSealer.Seal(DeviceKeys.ExportPublic(device), "a", new EnrolledCredentials { DeviceId = "a", Secret = "0123456789abcdef" });
        var ok = new EnrollmentResponse { Serial = "a", Status = EnrollmentStatus.Approved, KeyFingerprint = "1234-5678-9abc-def0", Credentials = envelope, SentUs = 1_700_000_000_000_000 };
        Assert.Null(ok.Validate());
        Assert.NotNull((ok with { Credentials = null }).Validate());
        Assert.NotNull((ok with { Status = EnrollmentStatus.Pending }).Validate());
        Assert.NotNull((ok with { Status = EnrollmentStatus.Pending, Credentials = null, Reason = "x" }).Validate());
        Assert.Null((ok with { Status = EnrollmentStatus.Rejected, Credentials = null, Reason = "stolen" }).Validate());
        Assert.NotNull((ok with { Credentials = envelope with { Alg = "rot13" } }).Validate());
        var json = Encoding.UTF8.GetString(MessageCodec.Encode(ok with { Status = EnrollmentStatus.Pending, Credentials = null }));
        Assert.Contains("\"status\":\"pending\"", json);
    }

    [Fact]
    public void Rotate_secret_commands_need_a_secret_and_hide_it_when_printed()
    {
        var command = new DeviceCommand { Id = "c1", Type = DeviceCommandType.RotateSecret, IssuedUs = 1_700_000_000_000_000, Secret = "0123456789abcdefXYZ" };
        Assert.Null(command.Validate());
        Assert.Contains("\"type\":\"rotate-secret\"", Encoding.UTF8.GetString(MessageCodec.Encode(command)));
        Assert.DoesNotContain("0123456789abcdefXYZ", command.ToString());
        Assert.NotNull((command with { Secret = null }).Validate());
        Assert.NotNull((command with { Secret = "short" }).Validate());
        Assert.NotNull((command with { Type = DeviceCommandType.Reboot }).Validate());
    }

    [Fact]
    public void Enrollment_topics_parse_and_ids_never_collide_with_devices()
    {
        Assert.Equal("inforadio/v1/enroll/ir-7/req", TopicTree.EnrollmentRequest("ir-7"));
        Assert.True(TopicTree.TryParse("inforadio/v1/enroll/ir-7/resp", out var name));
        Assert.Equal(new TopicName(TopicKind.EnrollmentResponse, "ir-7"), name);
        Assert.Equal("inforadio/v1/enroll/ir-7/resp", name.ToString());
        Assert.False(name.IsDeviceWritable);
        Assert.False(TopicTree.TryParse("inforadio/v1/enroll/IR-7/req", out _));
        Assert.False(TopicTree.TryParse("inforadio/v1/enroll/ir-7/other", out _));
        Assert.Equal("enroll.ir-7", EnrollmentIds.ClientId("IR-7"));
        Assert.Equal("ir-7", EnrollmentIds.SerialOfClientId("enroll.ir-7"));
        Assert.Null(EnrollmentIds.SerialOfClientId("ir-7"));
        Assert.Null(EnrollmentIds.SerialOfClientId("enroll.IR-7"));
        Assert.False(Identifiers.IsValid(EnrollmentIds.ClientId("x")));
    }
}
