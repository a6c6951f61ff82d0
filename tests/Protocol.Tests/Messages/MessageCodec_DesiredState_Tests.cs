using System.Text.Json.Nodes;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Tests.Support;

namespace InfoRadio.Protocol.Tests.Messages;

public class MessageCodec_DesiredState_Tests
{
    private static readonly MessageKind Kind = MessageKind.All[nameof(DesiredState)];
    private const long T = MessageKind.T;

    internal static SessionInfo Session(string id = "s1", uint stream = 7) => new()
    {
        Session = id, Stream = stream, Priority = PriorityClass.Normal, Origin = OriginLevel.Commune,
        EpochUs = T, LatencyMs = 1000,
    };

    [Fact]
    public void Round_trips_with_every_session_field()
    {
        var desired = new DesiredState
        {
            Rev = 42, IssuedUs = T,
            Sessions =
            [
                Session("news", 7) with { Title = "Bản tin sáng" },
                new SessionInfo
                {
                    Session = "flood-1", Stream = uint.MaxValue, Priority = PriorityClass.Emergency, Origin = OriginLevel.Central,
                    EpochUs = T + 1, LatencyMs = 60_000, FrameSamples = 2880, Volume = 100, Title = "Flood",
                },
            ],
        };
        var parsed = Json.RoundTrip(desired);
        Assert.Equal(desired.V, parsed.V);
        Assert.Equal(desired.Rev, parsed.Rev);
        Assert.Equal(desired.IssuedUs, parsed.IssuedUs);
        Assert.Equal(desired.Sessions, parsed.Sessions);
    }

    [Fact]
    public void Omits_absent_optional_fields_and_writes_enums_as_kebab_case_strings() =>
        Assert.Equal(
            """{"v":1,"rev":1,"issuedUs":1767225600000000,"sessions":[{"session":"s1","stream":7,"priority":"normal","origin":"commune","epochUs":1767225600000000,"latencyMs":1000,"frameSamples":960}]}""",
            Json.Encode(new DesiredState { Rev = 1, IssuedUs = T, Sessions = [Session()] }));

    [Fact]
    public void An_empty_session_list_means_play_nothing_from_this_topic()
    {
        var desired = ParseAssert.Ok(Json.Parse<DesiredState>($$"""{"v":1,"rev":0,"issuedUs":{{T}},"sessions":[]}"""));
        Assert.Empty(desired.Sessions);
        Assert.Equal(0, desired.Rev);
    }

    [Fact]
    public void Sixteen_sessions_are_accepted_and_seventeen_rejected()
    {
        var sessions = Enumerable.Range(1, 17).Select(i => Session($"s{i}", (uint)i)).ToArray();
        Assert.Equal(16, Json.RoundTrip(new DesiredState { Rev = 1, IssuedUs = T, Sessions = sessions[..16] }).Sessions.Count);
        var tooMany = MessageCodec.Encode(new DesiredState { Rev = 1, IssuedUs = T, Sessions = sessions });
        ParseAssert.Rejected(MessageCodec.Parse<DesiredState>(tooMany), "more than 16 sessions");
    }

    [Fact]
    public void Rejects_null_sessions() =>
        Assert.Equal("sessions is required", Kind.ErrorWith("sessions", null));

    [Fact]
    public void Rejects_a_null_entry_by_index() =>
        Assert.Equal("sessions[1] is null", Kind.ErrorOfJson($$"""{"v":1,"rev":1,"issuedUs":{{T}},"sessions":[{{SessionJson()}},null]}"""));

    [Fact]
    public void Names_the_index_of_an_invalid_session()
    {
        var bad = SessionJson().Replace("\"stream\":7", "\"stream\":0");
        Assert.Equal("sessions[1]: stream must be between 1 and 4294967295",
            Kind.ErrorOfJson($$"""{"v":1,"rev":1,"issuedUs":{{T}},"sessions":[{{SessionJson()}},{{bad}}]}"""));
    }

    [Theory]
    [InlineData(-1L, "rev must be between 0 and 9223372036854775807")]
    [InlineData(long.MinValue, "rev must be between 0 and 9223372036854775807")]
    public void Rejects_a_negative_revision(long rev, string reason) =>
        Assert.Equal(reason, Kind.ErrorWith("rev", rev));

    [Theory]
    [InlineData(1_577_836_800_000_000L, true)]
    [InlineData(4_102_444_800_000_000L, true)]
    [InlineData(1_577_836_799_999_999L, false)]
    [InlineData(4_102_444_800_000_001L, false)]
    [InlineData(1_767_225_600L, false)] // seconds, a typical firmware mistake
    [InlineData(1_767_225_600_000L, false)] // milliseconds
    [InlineData(0L, false)]
    public void IssuedUs_must_be_unix_microseconds_between_2020_and_2100(long value, bool valid) =>
        Assert.Equal(valid ? null : "issuedUs is not a unix time in microseconds between 2020 and 2100", Kind.ErrorWith("issuedUs", value));

    [Fact]
    public void Rejects_sessions_given_as_an_object() =>
        Assert.Contains("$.sessions", Kind.ErrorWith("sessions", new JsonObject()));

    [Fact]
    public void Next_round_trips_and_is_optional()
    {
        var desired = new DesiredState
        {
            Rev = 3, IssuedUs = T, Sessions = [],
            Next = new NextItem { Title = "Bản tin trưa", Program = "p-noon", StartUs = T + 3_600_000_000 },
        };
        Assert.Equal(desired.Next, Json.RoundTrip(desired).Next);
        Assert.Null(ParseAssert.Ok(Json.Parse<DesiredState>($$"""{"v":1,"rev":0,"issuedUs":{{T}},"sessions":[]}""")).Next);
    }

    [Theory]
    [InlineData("""{"title":"","program":"p1","startUs":1767225600000000}""", "next: title is empty")]
    [InlineData("""{"title":"News","program":"p 1","startUs":1767225600000000}""", "next: program")]
    [InlineData("""{"title":"News","program":"p1","startUs":1767225600}""", "next: startUs is not a unix time in microseconds between 2020 and 2100")]
    [InlineData("""{"title":"News","program":"p1"}""", "startUs")]
    public void Rejects_a_bad_next(string next, string reason) =>
        Assert.Contains(reason, Kind.ErrorOfJson($$"""{"v":1,"rev":1,"issuedUs":{{T}},"sessions":[],"next":{{next}}}"""));

    internal static string SessionJson() =>
        """{"session":"s1","stream":7,"priority":"normal","origin":"commune","epochUs":1767225600000000,"latencyMs":1000,"frameSamples":960}""";
}
