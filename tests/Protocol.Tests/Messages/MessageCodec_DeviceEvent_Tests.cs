using System.Text.Json.Nodes;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Tests.Support;

namespace InfoRadio.Protocol.Tests.Messages;

public class MessageCodec_DeviceEvent_Tests
{
    private static readonly MessageKind Kind = MessageKind.All[nameof(DeviceEvent)];
    private const long T = MessageKind.T;

    [Theory]
    [InlineData(DeviceEventType.PlayStarted, "play-started")]
    [InlineData(DeviceEventType.PlayFinished, "play-finished")]
    [InlineData(DeviceEventType.PlayInterrupted, "play-interrupted")]
    [InlineData(DeviceEventType.Underrun, "underrun")]
    [InlineData(DeviceEventType.Error, "error")]
    public void Round_trips_every_type_under_its_wire_name(DeviceEventType type, string wire)
    {
        var ev = new DeviceEvent { Id = Guid.NewGuid().ToString("N"), Type = type, AtUs = T, Session = "news", Position = 96_000, Underruns = 4, Reason = "why" };
        Assert.Contains($"\"type\":\"{wire}\"", Json.Encode(ev));
        Assert.Equal(ev, Json.RoundTrip(ev));
    }

    [Theory]
    [InlineData("play-started")]
    [InlineData("play-finished")]
    [InlineData("play-interrupted")]
    [InlineData("underrun")]
    public void Play_events_need_a_session(string type) =>
        Assert.Equal("session is required", Kind.ErrorOfJson(Kind.With("type", type).Replace(",\"session\":\"s1\"", "")));

    [Fact]
    public void An_error_event_may_have_no_session()
    {
        var ev = ParseAssert.Ok(Json.Parse<DeviceEvent>($$"""{"v":1,"id":"e1","type":"error","atUs":{{T}},"reason":"ALSA device missing"}"""));
        Assert.Null(ev.Session);
        Assert.Equal("ALSA device missing", ev.Reason);
    }

    [Theory]
    [InlineData("3f2504e04f8941d39a0c0305e82c3301")] // Guid "N", lower case
    [InlineData("3f2504e0-4f89-41d3-9a0c-0305e82c3301")] // Guid "D", lower case
    [InlineData("boot-17")]
    public void Accepts_ids_made_of_the_identifier_alphabet(string id) => Assert.Null(Kind.ErrorWith("id", id));

    [Theory]
    [InlineData("3F2504E04F8941D39A0C0305E82C3301", "id may contain only a-z, 0-9, '-' and '_'")]
    [InlineData("{3f2504e0-4f89-41d3-9a0c-0305e82c3301}", "id must start with a lower-case letter or a digit")]
    [InlineData("", "id is empty")]
    public void Rejects_other_ids(string id, string reason) => Assert.Equal(reason, Kind.ErrorWith("id", id));

    [Fact]
    public void Rejects_a_null_id() => Assert.Equal("id is empty", Kind.ErrorWith("id", null));

    [Theory]
    [InlineData("\"PlayStarted\"")]
    [InlineData("\"playStarted\"")]
    [InlineData("\"play_started\"")]
    [InlineData("\"PLAY-STARTED\"")]
    [InlineData("\"play-started,underrun\"")]
    [InlineData("\"finished\"")]
    [InlineData("0")]
    [InlineData("3")]
    public void Rejects_unknown_type_names_and_numbers(string type)
    {
        var error = Kind.ErrorWith("type", JsonNode.Parse(type));
        Assert.NotNull(error);
        Assert.StartsWith("malformed JSON", error);
        Assert.Contains("DeviceEventType", error);
    }

    [Theory]
    [InlineData("position")]
    [InlineData("underruns")]
    public void Counters_may_not_be_negative(string field) =>
        Assert.Equal($"{field} must be between 0 and 9223372036854775807", Kind.ErrorWith(field, -1));

    [Fact]
    public void Reason_may_hold_500_characters_without_control_characters()
    {
        Assert.Null(Kind.ErrorWith("reason", new string('r', 500)));
        Assert.Equal("reason is longer than 500 characters", Kind.ErrorWith("reason", new string('r', 501)));
        Assert.Equal("reason contains a control character", Kind.ErrorWith("reason", "line1\nline2"));
    }

    [Fact]
    public void AtUs_must_be_a_real_time() =>
        Assert.Equal("atUs is not a unix time in microseconds between 2020 and 2100", Kind.ErrorWith("atUs", T / 1000));
}
