using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Tests.Support;

namespace InfoRadio.Protocol.Tests.Messages;

public class MessageCodec_ReportedState_Tests
{
    private static readonly MessageKind Kind = MessageKind.All[nameof(ReportedState)];
    private const long T = MessageKind.T;

    [Fact]
    public void Round_trips_with_every_field()
    {
        var state = new ReportedState { Online = true, AtUs = T, Firmware = "ir-agent 1.2.3", Session = "news", Volume = 70, DesiredRev = 42 };
        Assert.Equal(state, Json.RoundTrip(state));
    }

    [Fact]
    public void The_Last_Will_is_online_false_at_time_0()
    {
        var will = new ReportedState { Online = false };
        Assert.Equal("""{"v":1,"online":false,"atUs":0}""", Json.Encode(will));
        Assert.Equal(will, Json.RoundTrip(will));
    }

    [Fact]
    public void A_minimal_report_reads_atUs_as_0() =>
        Assert.Equal(new ReportedState { Online = true }, ParseAssert.Ok(Json.Parse<ReportedState>("""{"v":1,"online":true}""")));

    [Theory]
    [InlineData(0L, true)]
    [InlineData(1_577_836_800_000_000L, true)]
    [InlineData(4_102_444_800_000_000L, true)]
    [InlineData(1L, false)]
    [InlineData(-1L, false)]
    [InlineData(1_767_225_600L, false)]
    [InlineData(4_102_444_800_000_001L, false)]
    public void AtUs_is_0_or_unix_microseconds_between_2020_and_2100(long at, bool valid) =>
        Assert.Equal(valid ? null : "atUs is not a unix time in microseconds between 2020 and 2100", Kind.ErrorWith("atUs", at));

    [Fact]
    public void AtUs_may_not_be_null() => Assert.Contains("$.atUs", Kind.ErrorWith("atUs", null));

    [Theory]
    [InlineData("1")]
    [InlineData("\"true\"")]
    [InlineData("null")]
    public void Online_must_be_a_JSON_boolean(string value) =>
        Assert.Contains("$.online", Kind.ErrorOfJson("{\"v\":1,\"online\":" + value + "}"));

    [Fact]
    public void Firmware_may_hold_64_characters_but_not_65()
    {
        Assert.Null(Kind.ErrorWith("firmware", new string('f', 64)));
        Assert.Equal("firmware is longer than 64 characters", Kind.ErrorWith("firmware", new string('f', 65)));
    }

    [Fact]
    public void Firmware_rejects_control_characters() =>
        Assert.Equal("firmware contains a control character", Kind.ErrorWith("firmware", "1.0\u0000"));

    [Theory]
    [InlineData("", "session is empty")]
    [InlineData("News", "session must start with a lower-case letter or a digit")]
    [InlineData("n/1", "session may contain only a-z, 0-9, '-' and '_'")]
    public void Session_must_be_a_valid_id(string session, string reason) =>
        Assert.Equal(reason, Kind.ErrorWith("session", session));

    [Theory]
    [InlineData(0, true)]
    [InlineData(100, true)]
    [InlineData(-1, false)]
    [InlineData(101, false)]
    public void Volume_is_0_to_100(int volume, bool valid) =>
        Assert.Equal(valid ? null : "volume must be between 0 and 100", Kind.ErrorWith("volume", volume));

    [Fact]
    public void DesiredRev_may_not_be_negative()
    {
        Assert.Null(Kind.ErrorWith("desiredRev", 0));
        Assert.Equal("desiredRev must be between 0 and 9223372036854775807", Kind.ErrorWith("desiredRev", -1));
    }
}
