using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Tests.Support;

namespace InfoRadio.Protocol.Tests.Messages;

public class MessageCodec_ClockSyncResponse_Tests
{
    private static readonly MessageKind Kind = MessageKind.All[nameof(ClockSyncResponse)];
    private const long T = MessageKind.T;
    private const long Min = 1_577_836_800_000_000; // 2020-01-01
    private const long Max = 4_102_444_800_000_000; // 2100-01-01

    [Fact]
    public void Round_trips()
    {
        var response = new ClockSyncResponse { Seq = 77, T0Us = 5, T1Us = T, T2Us = T + 250 };
        Assert.Equal(response, Json.RoundTrip(response));
        Assert.Equal("""{"v":1,"seq":77,"t0Us":5,"t1Us":1767225600000000,"t2Us":1767225600000250}""", Json.Encode(response));
    }

    [Fact]
    public void Answering_in_the_same_microsecond_is_valid() =>
        Assert.Null(Kind.ErrorOfJson($$"""{"v":1,"seq":1,"t0Us":1,"t1Us":{{T}},"t2Us":{{T}}}"""));

    [Fact]
    public void Rejects_a_reply_sent_before_the_request_arrived() =>
        Assert.Equal("t2Us is before t1Us", Kind.ErrorOfJson($$"""{"v":1,"seq":1,"t0Us":1,"t1Us":{{T}},"t2Us":{{T - 1}}}"""));

    [Theory]
    [InlineData("t1Us")]
    [InlineData("t2Us")]
    public void Controller_times_must_be_unix_microseconds_between_2020_and_2100(string field)
    {
        long[] valid = [Min, T, Max];
        long[] invalid = [Min - 1, Max + 1, 0, -1, T / 1000, T / 1_000_000];
        var reason = $"{field} is not a unix time in microseconds between 2020 and 2100";
        foreach (var value in valid)
            Assert.Null(Kind.ErrorOfJson(Response(field, value)));
        foreach (var value in invalid)
            Assert.Equal(reason, Kind.ErrorOfJson(Response(field, value)));
    }

    private static string Response(string field, long value)
    {
        // The other time is chosen so that t2 >= t1 holds whenever the tested value is in range.
        var (t1, t2) = field == "t1Us" ? (value, Max) : (Min, value);
        return $$"""{"v":1,"seq":1,"t0Us":1,"t1Us":{{t1}},"t2Us":{{t2}}}""";
    }

    [Theory]
    [InlineData("seq", "seq must be between 0 and 9223372036854775807")]
    [InlineData("t0Us", "t0Us must be between 0 and 9223372036854775807")]
    public void Rejects_negative_device_values(string field, string reason) =>
        Assert.Equal(reason, Kind.ErrorWith(field, -1));
}
