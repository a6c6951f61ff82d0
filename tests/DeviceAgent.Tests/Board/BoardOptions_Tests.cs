using InfoRadio.DeviceAgent.Board;
using Microsoft.Extensions.Configuration;

namespace InfoRadio.DeviceAgent.Tests.Board;

public sealed class BoardOptions_Tests
{
    private static AgentOptions Valid() => new() { DeviceId = "box-1", Secret = "s3cret" };

    [Fact]
    public void The_board_section_binds_from_configuration_and_makes_its_board()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Agent:Board:Kind"] = "simulated",
            ["Agent:Board:Serial"] = "SN-7",
            ["Agent:Board:Simulated:TemperatureC"] = "55.5",
            ["Agent:Board:Simulated:SpeakerFault"] = "open",
            ["Agent:Board:Simulated:MainsLost"] = "true",
        }).Build();
        var options = Valid();
        config.GetSection(AgentOptions.SectionName).Bind(options);
        Assert.Empty(AgentOptionsValidator.Check(options));

        var reading = Assert.IsType<SimulatedBoardSensors>(BoardSensors.Create(options.Board)).Read();
        Assert.Equal(("SN-7", 55.5, "open", true, "ok"), (reading.Serial, reading.TemperatureC, reading.SpeakerFault, reading.MainsLost, reading.AmplifierFault));
        Assert.IsType<LinuxBoardSensors>(BoardSensors.Create(new BoardOptions()));
        Assert.Same(BoardReading.Empty, BoardSensors.Create(new BoardOptions { Kind = "none" }).Read());
    }

    [Fact]
    public void Bad_board_settings_are_reported_with_their_names()
    {
        var options = Valid();
        options.Board = new BoardOptions
        {
            Kind = "simulated", Root = "", Latitude = 91,
            Simulated = new SimulatedBoardOptions { SpeakerFault = "burnt", TemperatureC = 400, SignalDbm = 5 },
        };
        var errors = AgentOptionsValidator.Check(options);
        Assert.Contains("Agent:Board:Root is empty", errors);
        Assert.Contains("Agent:Board:Latitude must be between -90 and 90", errors);
        Assert.Contains("Agent:Board:Simulated:SpeakerFault must be ok, open or short", errors);
        Assert.Contains("Agent:Board:Simulated:TemperatureC must be between -60 and 150", errors);
        Assert.Contains("Agent:Board:Simulated:SignalDbm must be between -160 and 0", errors);

        options.Board = new BoardOptions { Kind = "gpio" };
        Assert.Contains("Agent:Board:Kind 'gpio' is unknown: use linux, simulated, none", AgentOptionsValidator.Check(options));
    }
}
