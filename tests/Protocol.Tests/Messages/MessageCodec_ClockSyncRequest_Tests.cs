using System.Text.Json.Nodes;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Tests.Support;

namespace InfoRadio.Protocol.Tests.Messages;

public class MessageCodec_ClockSyncRequest_Tests
{
    private static readonly MessageKind Kind = MessageKind.All[nameof(ClockSyncRequest)];

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(1L, MessageKind.T)]
    [InlineData(long.MaxValue, long.MaxValue)]
    public void Round_trips(long seq, long t0)
    {
        var request = new ClockSyncRequest { Seq = seq, T0Us = t0 };
        Assert.Equal(request, Json.RoundTrip(request));
    }

    [Fact]
    public void Encodes_camel_case_fields_in_declaration_order() =>
        Assert.Equal("""{"v":1,"seq":3,"t0Us":1767225600000000}""", Json.Encode(new ClockSyncRequest { Seq = 3, T0Us = MessageKind.T }));

    [Fact]
    public void Parses_the_fields()
    {
        var request = ParseAssert.Ok(Json.Parse<ClockSyncRequest>("""{"t0Us":12,"seq":9,"v":1}"""));
        Assert.Equal(new ClockSyncRequest { Seq = 9, T0Us = 12 }, request);
    }

    [Theory]
    [InlineData("seq", -1, "seq must be between 0 and 9223372036854775807")]
    [InlineData("t0Us", -1, "t0Us must be between 0 and 9223372036854775807")]
    public void Rejects_negative_values(string field, long value, string reason) =>
        Assert.Equal(reason, Kind.ErrorWith(field, value));

    [Fact]
    public void A_device_clock_not_yet_set_is_still_a_valid_t0()
    {
        // T0 is only echoed back, so a device that has not set its clock (t0 near 0) can still synchronize.
        Assert.Null(Kind.ErrorWith("t0Us", 5));
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    public void Rejects_numbers_that_are_not_64_bit_integers(string number)
    {
        var error = Kind.ErrorOfJson("""{"v":1,"seq":""" + number + ""","t0Us":1}""");
        Assert.NotNull(error);
        Assert.Contains("$.seq", error);
    }

    [Fact]
    public void Rejects_null_for_a_required_number() =>
        Assert.Contains("$.t0Us", Kind.ErrorWith("t0Us", null));

    [Fact]
    public void Keeps_unknown_fields_out_of_the_way() =>
        Assert.Equal(new ClockSyncRequest { Seq = 1, T0Us = MessageKind.T }, ParseAssert.Ok(Json.Parse<ClockSyncRequest>(Kind.With("t9Us", JsonValue.Create(7)))));
}
