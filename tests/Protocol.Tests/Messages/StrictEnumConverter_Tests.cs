using System.Text.Json;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Tests.Support;

namespace InfoRadio.Protocol.Tests.Messages;

/// <summary>The wire name of every enum value is fixed by the protocol document; these tables are that list.</summary>
public class StrictEnumConverter_Tests
{
    public static TheoryData<PriorityClass, string> Priorities => new()
    {
        { PriorityClass.Normal, "normal" }, { PriorityClass.Priority, "priority" }, { PriorityClass.Emergency, "emergency" },
    };

    public static TheoryData<OriginLevel, string> Origins => new()
    {
        { OriginLevel.Commune, "commune" }, { OriginLevel.District, "district" }, { OriginLevel.Province, "province" }, { OriginLevel.Central, "central" },
    };

    public static TheoryData<DeviceCommandType, string> Commands => new()
    {
        { DeviceCommandType.SetVolume, "set-volume" }, { DeviceCommandType.TestTone, "test-tone" },
        { DeviceCommandType.ResyncClock, "resync-clock" }, { DeviceCommandType.Reboot, "reboot" },
        { DeviceCommandType.Mute, "mute" }, { DeviceCommandType.Unmute, "unmute" },
        { DeviceCommandType.RotateSecret, "rotate-secret" },
    };

    public static TheoryData<DeviceEventType, string> Events => new()
    {
        { DeviceEventType.PlayStarted, "play-started" }, { DeviceEventType.PlayFinished, "play-finished" },
        { DeviceEventType.PlayInterrupted, "play-interrupted" }, { DeviceEventType.Underrun, "underrun" }, { DeviceEventType.Error, "error" },
    };

    [Fact]
    public void The_tables_cover_every_value()
    {
        Assert.Equal(Enum.GetValues<PriorityClass>().Length, Priorities.Count);
        Assert.Equal(Enum.GetValues<OriginLevel>().Length, Origins.Count);
        Assert.Equal(Enum.GetValues<DeviceCommandType>().Length, Commands.Count);
        Assert.Equal(Enum.GetValues<DeviceEventType>().Length, Events.Count);
    }

    [Theory, MemberData(nameof(Priorities))]
    public void Priority_names(PriorityClass value, string name) => AssertWireName(value, name);

    [Theory, MemberData(nameof(Origins))]
    public void Origin_names(OriginLevel value, string name) => AssertWireName(value, name);

    [Theory, MemberData(nameof(Commands))]
    public void Command_names(DeviceCommandType value, string name) => AssertWireName(value, name);

    [Theory, MemberData(nameof(Events))]
    public void Event_names(DeviceEventType value, string name) => AssertWireName(value, name);

    private static void AssertWireName<TEnum>(TEnum value, string name) where TEnum : struct, Enum
    {
        var options = new JsonSerializerOptions { Converters = { new StrictEnumConverter<TEnum>() } };
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(value, options));
        Assert.Equal(value, JsonSerializer.Deserialize<TEnum>($"\"{name}\"", options));
        // Neither the C# name, a number, nor a different casing reads.
        foreach (var wrong in new[] { $"\"{value}\"", $"\"{name.ToUpperInvariant()}\"", Convert.ToInt32(value).ToString(), $"\"{Convert.ToInt32(value)}\"" })
        {
            if (wrong == $"\"{name}\"") continue;
            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TEnum>(wrong, options));
        }
    }

    [Fact]
    public void An_undefined_value_cannot_be_encoded()
    {
        var ev = new DeviceEvent { Id = "e1", Type = (DeviceEventType)77, AtUs = MessageKind.T, Session = "s" };
        var ex = Assert.Throws<JsonException>(() => MessageCodec.Encode(ev));
        Assert.Contains("77", ex.Message);
    }

    [Fact]
    public void Escaped_names_read_like_plain_ones() =>
        Assert.Equal(DeviceEventType.Underrun,
            ParseAssert.Ok(Json.Parse<DeviceEvent>("""{"v":1,"id":"e","type":"\u0075nderrun","atUs":1767225600000000,"session":"s"}""")).Type);
}
