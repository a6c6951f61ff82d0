using System.Text.Json.Nodes;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Tests.Support;

namespace InfoRadio.Protocol.Tests.Messages;

/// <summary>A session travels only inside a <see cref="DesiredState"/>, so each case wraps one session in one.</summary>
public class MessageCodec_SessionInfo_Tests
{
    private static string? ErrorOf(JsonObject session) =>
        Json.Parse<DesiredState>($$"""{"v":1,"rev":1,"issuedUs":{{MessageKind.T}},"sessions":[{{session.ToJsonString()}}]}""").Error;

    private static string? ErrorWith(string field, JsonNode? value)
    {
        var session = JsonNode.Parse(MessageCodec_DesiredState_Tests.SessionJson())!.AsObject();
        session[field] = value;
        return ErrorOf(session);
    }

    private static SessionInfo ParseWith(string field, JsonNode? value)
    {
        var session = JsonNode.Parse(MessageCodec_DesiredState_Tests.SessionJson())!.AsObject();
        session[field] = value;
        return ParseAssert.Ok(Json.Parse<DesiredState>($$"""{"v":1,"rev":1,"issuedUs":{{MessageKind.T}},"sessions":[{{session.ToJsonString()}}]}""")).Sessions[0];
    }

    [Fact]
    public void The_sample_session_is_valid() => Assert.Null(ErrorOf(JsonNode.Parse(MessageCodec_DesiredState_Tests.SessionJson())!.AsObject()));

    [Theory]
    [InlineData("session")]
    [InlineData("stream")]
    [InlineData("priority")]
    [InlineData("origin")]
    [InlineData("epochUs")]
    [InlineData("latencyMs")]
    [InlineData("frameSamples")]
    public void A_missing_required_field_is_rejected_by_name(string field)
    {
        var session = JsonNode.Parse(MessageCodec_DesiredState_Tests.SessionJson())!.AsObject();
        session.Remove(field);
        var error = ErrorOf(session);
        Assert.NotNull(error);
        Assert.Contains("missing required properties", error);
        Assert.Contains($"'{field}'", error);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("s-2026_01_01")]
    [InlineData("3f2504e04f8941d39a0c0305e82c3301")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // 64
    public void Accepts_valid_session_ids(string id) => Assert.Equal(id, ParseWith("session", id).Session);

    [Theory]
    [InlineData("", "sessions[0]: session is empty")]
    [InlineData("S1", "sessions[0]: session must start with a lower-case letter or a digit")]
    [InlineData("-s", "sessions[0]: session must start with a lower-case letter or a digit")]
    [InlineData("s/1", "sessions[0]: session may contain only a-z, 0-9, '-' and '_'")]
    [InlineData("s+", "sessions[0]: session may contain only a-z, 0-9, '-' and '_'")]
    [InlineData("s#", "sessions[0]: session may contain only a-z, 0-9, '-' and '_'")]
    [InlineData("s 1", "sessions[0]: session may contain only a-z, 0-9, '-' and '_'")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "sessions[0]: session is longer than 64 characters")]
    public void Rejects_invalid_session_ids(string id, string reason) => Assert.Equal(reason, ErrorWith("session", id));

    [Fact]
    public void Rejects_a_null_session_id() => Assert.Equal("sessions[0]: session is empty", ErrorWith("session", null));

    [Fact]
    public void Stream_0_is_reserved() => Assert.Equal("sessions[0]: stream must be between 1 and 4294967295", ErrorWith("stream", 0));

    [Theory]
    [InlineData(-1L)]
    [InlineData(4_294_967_296L)]
    public void Stream_must_fit_32_unsigned_bits(long stream) => Assert.Contains("$.sessions[0].stream", ErrorWith("stream", stream));

    [Fact]
    public void The_largest_stream_id_is_valid() => Assert.Equal(uint.MaxValue, ParseWith("stream", uint.MaxValue).Stream);

    [Theory]
    [InlineData("normal", PriorityClass.Normal)]
    [InlineData("priority", PriorityClass.Priority)]
    [InlineData("emergency", PriorityClass.Emergency)]
    public void Reads_every_priority_name(string name, PriorityClass expected) => Assert.Equal(expected, ParseWith("priority", name).Priority);

    [Theory]
    [InlineData("commune", OriginLevel.Commune)]
    [InlineData("district", OriginLevel.District)]
    [InlineData("province", OriginLevel.Province)]
    [InlineData("central", OriginLevel.Central)]
    public void Reads_every_origin_name(string name, OriginLevel expected) => Assert.Equal(expected, ParseWith("origin", name).Origin);

    public static TheoryData<string, string> BadEnumValues()
    {
        var data = new TheoryData<string, string>();
        foreach (var bad in new[] { "2", "\"2\"", "\"Emergency\"", "\"EMERGENCY\"", "\"emergency \"", "\"normal,priority\"", "\"normal, central\"", "\"\"", "\"urgent\"", "null", "true" })
        {
            data.Add("priority", bad);
            data.Add("origin", bad);
        }
        return data;
    }

    [Theory, MemberData(nameof(BadEnumValues))]
    public void Rejects_enums_given_as_numbers_other_spellings_or_combinations(string field, string value)
    {
        var error = ErrorWith(field, JsonNode.Parse(value));
        Assert.NotNull(error);
        Assert.StartsWith("malformed JSON", error);
        Assert.Contains(field == "priority" ? "PriorityClass" : "OriginLevel", error);
    }

    [Theory]
    [InlineData(1_577_836_799_999_999L)]
    [InlineData(4_102_444_800_000_001L)]
    [InlineData(1_767_225_600_000L)]
    public void EpochUs_must_be_unix_microseconds_between_2020_and_2100(long epoch) =>
        Assert.Equal("sessions[0]: epochUs is not a unix time in microseconds between 2020 and 2100", ErrorWith("epochUs", epoch));

    [Theory]
    [InlineData(0, true)]
    [InlineData(1000, true)]
    [InlineData(60_000, true)]
    [InlineData(-1, false)]
    [InlineData(60_001, false)]
    public void LatencyMs_is_0_to_60000(int latency, bool valid) =>
        Assert.Equal(valid ? null : "sessions[0]: latencyMs must be between 0 and 60000", ErrorWith("latencyMs", latency));

    [Theory]
    [InlineData(120)]
    [InlineData(240)]
    [InlineData(480)]
    [InlineData(960)]
    [InlineData(1920)]
    [InlineData(2880)]
    public void Accepts_every_Opus_frame_size(int samples) => Assert.Equal(samples, ParseWith("frameSamples", samples).FrameSamples);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(959)]
    [InlineData(961)]
    [InlineData(5760)]
    [InlineData(-960)]
    public void Rejects_other_frame_sizes(int samples) =>
        Assert.Equal("sessions[0]: frameSamples must be an Opus frame size at 48 kHz", ErrorWith("frameSamples", samples));

    [Theory]
    [InlineData(0, true)]
    [InlineData(100, true)]
    [InlineData(-1, false)]
    [InlineData(101, false)]
    public void Volume_is_0_to_100(int volume, bool valid) =>
        Assert.Equal(valid ? null : "sessions[0]: volume must be between 0 and 100", ErrorWith("volume", volume));

    [Fact]
    public void Title_may_hold_200_characters_but_not_201()
    {
        Assert.Null(ErrorWith("title", new string('x', 200)));
        Assert.Equal("sessions[0]: title is longer than 200 characters", ErrorWith("title", new string('x', 201)));
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u0007")]
    [InlineData("\u001b")]
    [InlineData("\n")]
    [InlineData("\u007f")]
    [InlineData("\u0085")]
    public void Title_rejects_escaped_control_characters(string control) =>
        Assert.Equal("sessions[0]: title contains a control character", ErrorWith("title", "Tin " + control + "sáng"));

    [Fact]
    public void Title_reads_Vietnamese_sent_raw_or_escaped()
    {
        const string title = "Thông báo khẩn cấp: lũ quét";
        Assert.Equal(title, ParseWith("title", title).Title); // JsonNode escapes non-ASCII as \uXXXX
        var raw = MessageCodec_DesiredState_Tests.SessionJson()[..^1] + ",\"title\":\"" + title + "\"}";
        var desired = ParseAssert.Ok(Json.Parse<DesiredState>($$"""{"v":1,"rev":1,"issuedUs":{{MessageKind.T}},"sessions":[{{raw}}]}"""));
        Assert.Equal(title, desired.Sessions[0].Title);
    }
}
