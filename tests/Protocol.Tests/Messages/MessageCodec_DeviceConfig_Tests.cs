using System.Text.Json.Nodes;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Tests.Support;

namespace InfoRadio.Protocol.Tests.Messages;

public class MessageCodec_DeviceConfig_Tests
{
    private const string ValidConfig =
        """{"version":3,"volume":70,"emergencyVolume":100,"telemetryIntervalS":60,"latencyProfile":"robust","relays":{"powerOnDelayMs":500,"amplifierOnDelayMs":200,"amplifierOffDelayMs":3000,"powerOffDelayMs":1000}}""";

    private static readonly DeviceConfig Sample = new()
    {
        Version = 3,
        Volume = 70,
        EmergencyVolume = 100,
        TelemetryIntervalS = 60,
        LatencyProfile = LatencyProfile.Robust,
        Relays = new RelayDelays { PowerOnDelayMs = 500, AmplifierOnDelayMs = 200, AmplifierOffDelayMs = 3000, PowerOffDelayMs = 1000 },
    };

    [Fact]
    public void Reads_the_hand_written_sample() => Assert.Equal(Sample, ParseAssert.Ok(Json.Parse<DeviceConfig>(ValidConfig)));

    [Fact]
    public void Encodes_as_the_documented_JSON() => Assert.Equal(ValidConfig, Json.Encode(Sample));

    [Fact]
    public void Travels_inside_a_device_desired_state()
    {
        var json = """{"v":1,"rev":5,"issuedUs":1767225600000000,"sessions":[],"config":""" + ValidConfig + "}";
        var state = ParseAssert.Ok(Json.Parse<DesiredState>(json));
        Assert.Equal(Sample, state.Config);
        Assert.Null(ParseAssert.Ok(Json.Parse<DesiredState>("""{"v":1,"rev":5,"issuedUs":1767225600000000,"sessions":[]}""")).Config);
    }

    [Fact]
    public void A_desired_state_with_an_invalid_config_is_rejected_with_the_reason()
    {
        var json = """{"v":1,"rev":5,"issuedUs":1767225600000000,"sessions":[],"config":""" + With("volume", 101) + "}";
        Assert.Equal("config: volume must be between 0 and 100", Json.Parse<DesiredState>(json).Error);
    }

    [Theory]
    [InlineData("version", 0, "version must be between 1 and 9223372036854775807")]
    [InlineData("volume", -1, "volume must be between 0 and 100")]
    [InlineData("emergencyVolume", 101, "emergencyVolume must be between 0 and 100")]
    [InlineData("telemetryIntervalS", 4, "telemetryIntervalS must be between 5 and 86400")]
    [InlineData("telemetryIntervalS", 86_401, "telemetryIntervalS must be between 5 and 86400")]
    public void Values_out_of_range_are_rejected(string field, long value, string error) =>
        Assert.Equal(error, Json.Parse<DeviceConfig>(With(field, value)).Error);

    [Theory]
    [InlineData("powerOnDelayMs")]
    [InlineData("amplifierOnDelayMs")]
    [InlineData("amplifierOffDelayMs")]
    [InlineData("powerOffDelayMs")]
    public void Relay_delays_are_0_to_60_seconds(string field)
    {
        Assert.Null(Json.Parse<DeviceConfig>(WithRelay(field, 0)).Error);
        Assert.Null(Json.Parse<DeviceConfig>(WithRelay(field, 60_000)).Error);
        Assert.Equal($"relays: {field} must be between 0 and 60000", Json.Parse<DeviceConfig>(WithRelay(field, 60_001)).Error);
        Assert.Equal($"relays: {field} must be between 0 and 60000", Json.Parse<DeviceConfig>(WithRelay(field, -1)).Error);
    }

    [Theory]
    [InlineData("version")]
    [InlineData("volume")]
    [InlineData("telemetryIntervalS")]
    [InlineData("latencyProfile")]
    [InlineData("relays")]
    public void Required_fields_may_not_be_missing(string field)
    {
        var json = JsonNode.Parse(ValidConfig)!.AsObject();
        json.Remove(field);
        Assert.NotNull(Json.Parse<DeviceConfig>(json.ToJsonString()).Error);
    }

    [Fact]
    public void Emergency_volume_is_optional()
    {
        var json = JsonNode.Parse(ValidConfig)!.AsObject();
        json.Remove("emergencyVolume");
        Assert.Null(ParseAssert.Ok(Json.Parse<DeviceConfig>(json.ToJsonString())).EmergencyVolume);
    }

    [Theory]
    [InlineData("\"fast\"")]
    [InlineData("\"Robust\"")]
    [InlineData("1")]
    public void The_latency_profile_is_one_of_the_exact_names(string value) =>
        Assert.NotNull(Json.Parse<DeviceConfig>(ValidConfig.Replace("\"robust\"", value, StringComparison.Ordinal)).Error);

    [Fact]
    public void Relays_may_not_be_null() =>
        Assert.NotNull(Json.Parse<DeviceConfig>(With("relays", null)).Error);

    [Fact]
    public void The_reported_state_carries_the_applied_version()
    {
        var state = new ReportedState { Online = true, AtUs = MessageKind.T, ConfigVersion = 7 };
        Assert.Contains("\"configVersion\":7", Json.Encode(state), StringComparison.Ordinal);
        Assert.Equal(state, Json.RoundTrip(state));
        Assert.Equal("configVersion must be between 1 and 9223372036854775807",
            Json.Parse<ReportedState>("""{"v":1,"online":true,"configVersion":0}""").Error);
    }

    [Fact]
    public void Telemetry_carries_the_relay_states()
    {
        var report = new Telemetry { AtUs = MessageKind.T, PowerRelay = true, AmplifierRelay = false };
        Assert.Contains("\"powerRelay\":true,\"amplifierRelay\":false", Json.Encode(report), StringComparison.Ordinal);
        Assert.Equal(report, Json.RoundTrip(report));
    }

    private static string With(string field, JsonNode? value)
    {
        var json = JsonNode.Parse(ValidConfig)!.AsObject();
        json[field] = value;
        return json.ToJsonString();
    }

    private static string WithRelay(string field, int value)
    {
        var json = JsonNode.Parse(ValidConfig)!.AsObject();
        json["relays"]![field] = value;
        return json.ToJsonString();
    }
}
