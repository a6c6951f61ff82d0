using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Logging;
using NAudio.Wave;
using Xunit.Abstractions;

namespace InfoRadio.DeviceAgent.Tests.Link;

[Collection(RealTimeCollection.Name)]
public sealed class CommandAndTelemetryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ILoggerFactory _loggers = XunitLoggerProvider.Factory(output);
    private readonly string _wavDirectory = Path.Combine(Path.GetTempPath(), "inforadio-cmd-" + Guid.NewGuid().ToString("N"));
    private TestBroker _broker = null!;

    public async Task InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        _broker.Allow("box-1", "s3cret");
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _loggers.Dispose();
        if (Directory.Exists(_wavDirectory)) Directory.Delete(_wavDirectory, recursive: true);
    }

    private Task Command(string id, DeviceCommandType type, int? volume = null) =>
        _broker.PublishAsync(TopicTree.DeviceCommands("box-1"), MessageCodec.Encode(new DeviceCommand
        {
            Id = id, Type = type, IssuedUs = DeviceAgent.Clock.DeviceTime.NowUs(TimeProvider.System), Volume = volume,
        }));

    private List<ReportedState> States() => _broker.PublishedTo(TopicTree.DeviceState("box-1"))
        .Select(m => MessageCodec.Parse<ReportedState>(m.Payload).Value!).ToList();

    [Fact]
    public async Task Set_volume_is_applied_and_reported_once_even_when_redelivered()
    {
        await using var agent = RunningAgent.Start(RunningAgent.DefaultOptions(_broker.Port), _loggers);
        await Eventually.TrueAsync(() => agent.Agent.Status.Connected, "the agent connected");

        await Command("vol-1", DeviceCommandType.SetVolume, 30);
        await Eventually.TrueAsync(() => States().Any(s => s.Volume == 30), "the new volume was reported");
        await Command("vol-1", DeviceCommandType.SetVolume, 70); // a redelivery of the same command id
        await Command("vol-2", DeviceCommandType.SetVolume, 55);
        await Eventually.TrueAsync(() => agent.Agent.Status.Volume == 55, "the next command applied");
        Assert.DoesNotContain(States(), s => s.Volume == 70);
    }

    [Fact]
    public async Task Mute_and_unmute_are_applied_and_reported_in_the_state()
    {
        await using var agent = RunningAgent.Start(RunningAgent.DefaultOptions(_broker.Port), _loggers);
        await Eventually.TrueAsync(() => agent.Agent.Status.Connected, "the agent connected");
        Assert.False(agent.Agent.Status.Muted);

        await Command("mute-1", DeviceCommandType.Mute);
        await Eventually.TrueAsync(() => States().Any(s => s.Muted == true), "the mute was reported");
        Assert.True(agent.Agent.Status.Muted);
        await Command("unmute-1", DeviceCommandType.Unmute);
        await Eventually.TrueAsync(() => States().LastOrDefault()?.Muted == false, "the unmute was reported");
        Assert.False(agent.Agent.Status.Muted);
    }

    [Fact]
    public async Task The_test_tone_plays_two_seconds_of_one_kilohertz_into_the_sink()
    {
        var options = RunningAgent.DefaultOptions(_broker.Port);
        options.Sink = "wav";
        options.WavDirectory = _wavDirectory;
        await using var agent = RunningAgent.Start(options, _loggers);
        await Eventually.TrueAsync(() => agent.Agent.Status.Connected, "the agent connected");

        await Command("tone-1", DeviceCommandType.TestTone);
        var path = Path.Combine(_wavDirectory, "test-tone.wav");
        short[]? samples = null;
        await Eventually.TrueAsync(() => (samples = TryReadComplete(path, 96_000)) is not null, "two seconds of tone were written");
        Assert.InRange(OpusStream.ZeroCrossingFrequency(samples), 990, 1010);
        Assert.InRange(OpusStream.Rms(samples), 10_000, 13_000); // half scale sine: 0.5 × 32767 / √2
        Assert.Equal(0, agent.Agent.Status.SessionsStarted); // a tone is not a session
    }

    /// <summary>The file's samples once the sink has finished it (header says <paramref name="samples"/>), else null.</summary>
    private static short[]? TryReadComplete(string path, int samples)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new WaveFileReader(stream);
            if (reader.SampleCount != samples) return null;
            var bytes = new byte[reader.Length];
            reader.ReadExactly(bytes);
            return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(bytes).ToArray();
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [Fact]
    public async Task Reboot_stops_the_agent_and_leaves_it_reported_offline()
    {
        await using var agent = RunningAgent.Start(RunningAgent.DefaultOptions(_broker.Port), _loggers);
        await Eventually.TrueAsync(() => agent.Agent.Status.Connected, "the agent connected");

        await Command("reboot-1", DeviceCommandType.Reboot);
        await agent.Run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(agent.Agent.Status.RebootRequested);
        var retained = MessageCodec.Parse<ReportedState>((await _broker.RetainedAsync(TopicTree.DeviceState("box-1")))!).Value!;
        Assert.False(retained.Online);
    }

    [Fact]
    public async Task Telemetry_goes_out_every_interval_with_what_the_agent_knows()
    {
        var options = RunningAgent.DefaultOptions(_broker.Port);
        options.TelemetryIntervalSeconds = 1;
        await using var agent = RunningAgent.Start(options, _loggers);

        var topic = TopicTree.DeviceTelemetry("box-1");
        await Eventually.TrueAsync(() => _broker.PublishedTo(topic).Count >= 3, "three reports (one at connect, then one a second)");
        var reports = _broker.PublishedTo(topic).Select(m => MessageCodec.Parse<InfoRadio.Protocol.Messages.Telemetry>(m.Payload)).ToList();
        Assert.All(reports, r => Assert.True(r.IsOk, r.Error));
        var last = reports[^1].Value!;
        Assert.Equal(options.Firmware, last.Firmware);
        Assert.Equal("127.0.0.1", last.Ip);
        Assert.Equal(100, last.Volume);
        Assert.Equal(0, last.Underruns);
        Assert.Equal(0, last.PlaySecondsToday);
        Assert.InRange(last.UptimeS!.Value, 1, 30);
        Assert.Null(last.Session);
        Assert.Null(last.TemperatureC);
        Assert.All(_broker.PublishedTo(topic), m => Assert.Equal(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtMostOnce, m.QoS));
    }

    [Fact]
    public async Task Telemetry_carries_the_board_readings_and_a_change_on_the_board_shows_in_a_later_report()
    {
        var options = RunningAgent.DefaultOptions(_broker.Port);
        options.TelemetryIntervalSeconds = 1;
        options.Board = new DeviceAgent.Board.BoardOptions
        {
            Kind = DeviceAgent.Board.BoardOptions.KindSimulated, Serial = "SN-0042", Imei = "356938035643809", Latitude = 21.03, Longitude = 105.85,
        };
        await using var agent = RunningAgent.Start(options, _loggers);
        var board = Assert.IsType<DeviceAgent.Board.SimulatedBoardSensors>(agent.Agent.Board);

        var topic = TopicTree.DeviceTelemetry("box-1");
        InfoRadio.Protocol.Messages.Telemetry[] Reports() => _broker.PublishedTo(topic)
            .Select(m => MessageCodec.Parse<InfoRadio.Protocol.Messages.Telemetry>(m.Payload).Value!).ToArray();
        await Eventually.TrueAsync(() => Reports().Length >= 1, "a first report");
        var first = Reports()[0];
        Assert.Equal(("SN-0042", "356938035643809", "4g", -75, 41.5, 24.0, false, "ok", "ok", 21.03, 105.85),
            (first.Serial, first.Imei, first.Network, first.SignalDbm, first.TemperatureC, first.SupplyVolts, first.MainsLost,
             first.AmplifierFault, first.SpeakerFault, first.Latitude, first.Longitude));

        board.SetMainsLost(true);
        board.SetTemperature(78.25);
        board.SetSpeakerFault("short");
        await Eventually.TrueAsync(() => Reports()[^1].MainsLost == true, "a report with the mains lost");
        var last = Reports()[^1];
        Assert.Equal((12.2, 78.25, "short", "ok"), (last.SupplyVolts, last.TemperatureC, last.SpeakerFault, last.AmplifierFault));
        Assert.Throws<ArgumentException>(() => board.SetSpeakerFault("burnt"));
    }
}
