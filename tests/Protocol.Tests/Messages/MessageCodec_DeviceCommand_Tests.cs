using System.Text.Json.Nodes;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Tests.Support;

namespace InfoRadio.Protocol.Tests.Messages;

public class MessageCodec_DeviceCommand_Tests
{
    private static readonly MessageKind Kind = MessageKind.All[nameof(DeviceCommand)];
    private const long T = MessageKind.T;

    [Theory]
    [InlineData(DeviceCommandType.SetVolume, "set-volume", 55)]
    [InlineData(DeviceCommandType.TestTone, "test-tone", null)]
    [InlineData(DeviceCommandType.ResyncClock, "resync-clock", null)]
    [InlineData(DeviceCommandType.Reboot, "reboot", null)]
    [InlineData(DeviceCommandType.Mute, "mute", null)]
    [InlineData(DeviceCommandType.Unmute, "unmute", null)]
    public void Round_trips_every_type_under_its_wire_name(DeviceCommandType type, string wire, int? volume)
    {
        var command = new DeviceCommand { Id = "cmd-1", Type = type, IssuedUs = T, Volume = volume };
        var json = Json.Encode(command);
        Assert.Contains($"\"type\":\"{wire}\"", json);
        Assert.Equal(volume is null, !json.Contains("volume"));
        Assert.Equal(command, Json.RoundTrip(command));
    }

    [Fact]
    public void Set_volume_needs_a_volume()
    {
        Assert.Equal("set-volume needs volume", Kind.ErrorOfJson(Kind.Without("volume")));
        Assert.Equal("set-volume needs volume", Kind.ErrorWith("volume", null));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(100, true)]
    [InlineData(-1, false)]
    [InlineData(101, false)]
    public void Volume_is_0_to_100(int volume, bool valid) =>
        Assert.Equal(valid ? null : "volume must be between 0 and 100", Kind.ErrorWith("volume", volume));

    [Fact]
    public void A_volume_on_another_command_is_still_range_checked() =>
        Assert.Equal("volume must be between 0 and 100", Kind.ErrorOfJson($$"""{"v":1,"id":"c","type":"reboot","issuedUs":{{T}},"volume":200}"""));

    [Theory]
    [InlineData("\"SetVolume\"")]
    [InlineData("\"setVolume\"")]
    [InlineData("\"set_volume\"")]
    [InlineData("\"set-volume,reboot\"")]
    [InlineData("\"shutdown\"")]
    [InlineData("0")]
    public void Rejects_unknown_type_names_and_numbers(string type)
    {
        var error = Kind.ErrorWith("type", JsonNode.Parse(type));
        Assert.NotNull(error);
        Assert.Contains("DeviceCommandType", error);
    }

    [Theory]
    [InlineData("", "id is empty")]
    [InlineData("Cmd", "id must start with a lower-case letter or a digit")]
    public void Id_must_be_a_valid_identifier(string id, string reason) => Assert.Equal(reason, Kind.ErrorWith("id", id));

    [Fact]
    public void IssuedUs_must_be_a_real_time() =>
        Assert.Equal("issuedUs is not a unix time in microseconds between 2020 and 2100", Kind.ErrorWith("issuedUs", -T));
}
