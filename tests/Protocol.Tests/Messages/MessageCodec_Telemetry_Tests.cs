using System.Text.Json.Nodes;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Tests.Support;

namespace InfoRadio.Protocol.Tests.Messages;

public class MessageCodec_Telemetry_Tests
{
    private static readonly MessageKind Kind = MessageKind.All[nameof(Telemetry)];
    private const long T = MessageKind.T;

    [Fact]
    public void Round_trips_with_every_field()
    {
        var telemetry = new Telemetry
        {
            AtUs = T, Serial = "IR-000123", Imei = "356938035643809", Firmware = "1.2.3", Network = "4g", SignalDbm = -85,
            Ip = "2001:db8::1", Volume = 70, Session = "news", PlaySecondsToday = 3600, TemperatureC = 41.5, SupplyVolts = 12.6,
            MainsLost = true, AmplifierFault = "ok", SpeakerFault = "short", Latitude = 21.0285, Longitude = 105.8542,
            UptimeS = 86_400, Underruns = 3,
        };
        Assert.Equal(telemetry, Json.RoundTrip(telemetry));
    }

    [Fact]
    public void Only_the_time_is_required()
    {
        Assert.Equal(new Telemetry { AtUs = T }, ParseAssert.Ok(Json.Parse<Telemetry>($$"""{"v":1,"atUs":{{T}}}""")));
        Assert.Equal($$"""{"v":1,"atUs":{{T}}}""", Json.Encode(new Telemetry { AtUs = T }));
    }

    [Fact]
    public void AtUs_must_be_a_real_time() =>
        Assert.Equal("atUs is not a unix time in microseconds between 2020 and 2100", Kind.ErrorWith("atUs", 0));

    [Theory]
    [InlineData("serial", 64)]
    [InlineData("imei", 20)]
    [InlineData("firmware", 64)]
    [InlineData("network", 16)]
    [InlineData("ip", 45)]
    public void Text_fields_have_a_maximum_length(string field, int max)
    {
        Assert.Null(Kind.ErrorWith(field, new string('1', max)));
        Assert.Equal($"{field} is longer than {max} characters", Kind.ErrorWith(field, new string('1', max + 1)));
    }

    [Theory]
    [InlineData("serial")]
    [InlineData("imei")]
    [InlineData("firmware")]
    [InlineData("network")]
    [InlineData("ip")]
    public void Text_fields_reject_control_characters(string field) =>
        Assert.Equal($"{field} contains a control character", Kind.ErrorWith(field, "a\u0001"));

    [Theory]
    [InlineData("signalDbm", -160, 0)]
    [InlineData("volume", 0, 100)]
    [InlineData("playSecondsToday", 0, 86_400)]
    public void Integer_fields_have_a_range(string field, long min, long max)
    {
        Assert.Null(Kind.ErrorWith(field, min));
        Assert.Null(Kind.ErrorWith(field, max));
        Assert.Equal($"{field} must be between {min} and {max}", Kind.ErrorWith(field, min - 1));
        Assert.Equal($"{field} must be between {min} and {max}", Kind.ErrorWith(field, max + 1));
    }

    [Theory]
    [InlineData("uptimeS")]
    [InlineData("underruns")]
    public void Counters_may_not_be_negative(string field)
    {
        Assert.Null(Kind.ErrorWith(field, long.MaxValue));
        Assert.Equal($"{field} must be between 0 and 9223372036854775807", Kind.ErrorWith(field, -1));
    }

    [Theory]
    [InlineData("temperatureC", -60.0, 150.0)]
    [InlineData("supplyVolts", 0.0, 400.0)]
    [InlineData("latitude", -90.0, 90.0)]
    [InlineData("longitude", -180.0, 180.0)]
    public void Decimal_fields_have_a_range(string field, double min, double max)
    {
        Assert.Null(Kind.ErrorWith(field, min));
        Assert.Null(Kind.ErrorWith(field, max));
        var reason = $"{field} must be between {min} and {max}";
        Assert.Equal(reason, Kind.ErrorWith(field, min - 0.001));
        Assert.Equal(reason, Kind.ErrorWith(field, max + 0.001));
        // 1e400 overflows a double to infinity, which no range holds.
        Assert.Equal(reason, Kind.ErrorOfJson(Kind.With(field, 0).Replace($"\"{field}\":0", $"\"{field}\":1e400")));
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("NaN")]
    [InlineData("\"41.5\"")]
    public void Decimal_fields_must_be_JSON_numbers(string value) =>
        Assert.StartsWith("malformed JSON", Kind.ErrorOfJson($$"""{"v":1,"atUs":{{T}},"temperatureC":{{value}}}"""));

    [Fact]
    public void Decimal_fields_accept_integers_and_exponents()
    {
        var telemetry = ParseAssert.Ok(Json.Parse<Telemetry>($$"""{"v":1,"atUs":{{T}},"temperatureC":25,"supplyVolts":1.26e1}"""));
        Assert.Equal(25.0, telemetry.TemperatureC);
        Assert.Equal(12.6, telemetry.SupplyVolts);
    }

    [Theory]
    [InlineData("amplifierFault")]
    [InlineData("speakerFault")]
    public void Faults_are_ok_open_or_short(string field)
    {
        foreach (var value in new[] { "ok", "open", "short" })
            Assert.Null(Kind.ErrorWith(field, value));
        foreach (var value in new[] { "OK", "Open", "shorted", "", "fault", "ok " })
            Assert.Equal($"{field} must be ok, open or short", Kind.ErrorWith(field, value));
    }

    [Fact]
    public void MainsLost_is_a_JSON_boolean() =>
        Assert.Contains("$.mainsLost", Kind.ErrorWith("mainsLost", JsonValue.Create("yes")));

    [Fact]
    public void Session_must_be_a_valid_id() =>
        Assert.Equal("session may contain only a-z, 0-9, '-' and '_'", Kind.ErrorWith("session", "news#1"));
}
