using System.Diagnostics;
using System.Net;
using System.Text.Json;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// Live from the controller's sound card: a real arecord captures, through ALSA, from a file-plugin card fed by the
/// test (<see cref="AlsaFileCard"/>), and real speakers play what it heard.
/// </summary>
public sealed class SoundCard_Live_Tests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private AlsaFileCard _card = null!;
    private RunningController _controller = null!;
    private RunningSpeaker _speaker = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists("/usr/bin/arecord"), "arecord is missing: run scripts/test.sh (it installs alsa-utils) or 'apt-get install alsa-utils'");
        _card = new AlsaFileCard(_temp.Sub("card"));
        _controller = await RunningController.StartAsync(_temp.Sub("data"), null,
            [.. Live_EndToEnd_Tests.RoomyLive, $"--SoundCard:Device={AlsaFileCard.PcmName}", $"--SoundCard:AlsaConfigPath={_card.ConfigPath}"]);
        _speaker = new RunningSpeaker("ban-xa", await _controller.RegisterDeviceAsync("ban-xa"), _controller.BrokerPort, _temp.Sub("speaker"));
        await Eventually.TrueAsync(async () => (await _controller.OnlineDevicesAsync()).Count == 1, TimeSpan.FromSeconds(15), "speaker online");
    }

    public async Task DisposeAsync()
    {
        await _speaker.DisposeAsync();
        await _controller.DisposeAsync();
        _card.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task The_speakers_play_what_the_sound_card_captured_and_a_stop_ends_the_session_cleanly()
    {
        var bc = _controller.As("bc");
        var started = await bc.PostOkAsync(SoundCardPath, new { title = "Loa từ bàn xã", devices = new[] { "ban-xa" } });
        Assert.True(started.GetProperty("onAir").GetBoolean());
        Assert.Equal(AlsaFileCard.PcmName, started.GetProperty("device").GetString());
        var id = started.GetProperty("broadcastId").GetString()!;

        // Past the session's start lead, the card "hears" two seconds of speech.
        await Task.Delay(1_000);
        var source = SpeechLikeSignal.Generate(seed: 17, TimeSpan.FromSeconds(2));
        _card.Play(source);
        await Eventually.TrueAsync(() => Task.FromResult(_card.Idle), TimeSpan.FromSeconds(10), "the card played the speech");
        await Task.Delay(500);

        var busy = await bc.PostAsync(SoundCardPath, new { all = true });
        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        Assert.Contains("on air already", await busy.Content.ReadAsStringAsync());

        var stopped = await ApiClient.Ok(await bc.DeleteAsync(SoundCardPath));
        Assert.False(stopped.GetProperty("onAir").GetBoolean());
        Assert.Equal("stopped", stopped.GetProperty("lastEnd").GetProperty("kind").GetString());

        var final = await Broadcast_EndToEnd_Tests.WaitForEndAsync(_controller, id, TimeSpan.FromSeconds(20));
        Assert.Equal("finished", final.GetProperty("state").GetString());
        Assert.Equal("Loa từ bàn xã", final.GetProperty("title").GetString());
        Assert.True(final.GetProperty("reason").ValueKind == JsonValueKind.Null, final.GetRawText());
        Assert.Equal("finished", Assert.Single(final.GetProperty("devices").EnumerateArray().ToArray()).GetProperty("status").GetString());

        var live = _controller.Services.GetRequiredService<IOptions<BroadcastOptions>>().Value.Profiles.Live;
        var reference = OpusRoundTrip.EncodeAndDecode(LiveClient.Quantised(source), live.Opus, live.FramesPerPacket);
        var played = TestAudio.ReadWav(_speaker.WavOf(id));
        var alignment = SignalCorrelation.BestAlignment(reference, played, maxLagSamples: 4 * 48_000);
        Assert.True(alignment.Correlation >= 0.9, $"correlation {alignment.Correlation:0.000} at lag {alignment.Lag}");
        Assert.Equal(HttpStatusCode.NotFound, (await bc.DeleteAsync(SoundCardPath)).StatusCode);
    }

    [Fact]
    public async Task Arecord_dying_ends_the_session_with_the_reason_and_the_card_can_start_again()
    {
        var bc = _controller.As("bc");
        var started = await bc.PostOkAsync(SoundCardPath, new { all = true });
        var id = started.GetProperty("broadcastId").GetString()!;
        var pid = started.GetProperty("processId").GetInt32();
        await Task.Delay(1_500);

        using (var arecord = Process.GetProcessById(pid))
        {
            Assert.Equal("arecord", arecord.ProcessName);
            arecord.Kill();
        }

        var final = await Broadcast_EndToEnd_Tests.WaitForEndAsync(_controller, id, TimeSpan.FromSeconds(20));
        Assert.Equal("finished", final.GetProperty("state").GetString());
        Assert.Contains("arecord ended (exit code 137)", final.GetProperty("reason").GetString());
        var state = await bc.GetJsonAsync(SoundCardPath);
        Assert.False(state.GetProperty("onAir").GetBoolean());
        Assert.Equal("arecord-exited", state.GetProperty("lastEnd").GetProperty("kind").GetString());
        Assert.Equal(id, state.GetProperty("lastEnd").GetProperty("broadcastId").GetString());
        Assert.True(File.Exists(_speaker.WavOf(id)), "the speaker did not play the session");
    }

    [Fact]
    public async Task Only_a_broadcaster_may_start_it_and_bad_targets_are_400()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _controller.Anonymous().PostAsync(SoundCardPath, new { all = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _controller.As("viewer").PostAsync(SoundCardPath, new { all = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _controller.As("viewer").DeleteAsync(SoundCardPath)).StatusCode);
        Assert.False((await _controller.As("viewer").GetJsonAsync(SoundCardPath)).GetProperty("onAir").GetBoolean());

        var none = await _controller.As("bc").PostAsync(SoundCardPath, new { title = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("name the targets", await none.Content.ReadAsStringAsync());
        var unknown = await _controller.As("bc").PostAsync(SoundCardPath, new { zones = new[] { "khong-co" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("zone:khong-co", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_device_arecord_cannot_open_is_503_with_arecords_words_and_no_session_stays_on_air()
    {
        await using var other = await RunningController.StartAsync(_temp.Sub("data2"), null,
            [.. CalendarUsers.Args(), "--SoundCard:Device=no_such_card", $"--SoundCard:AlsaConfigPath={_card.ConfigPath}"]);
        await other.RegisterDeviceAsync("x");
        var response = await other.As("bc").PostAsync(SoundCardPath, new { devices = new[] { "x" } });
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("arecord ended", text);
        Assert.Contains("no_such_card", text);
        var state = await other.As("bc").GetJsonAsync(SoundCardPath);
        Assert.False(state.GetProperty("onAir").GetBoolean());
        var id = state.GetProperty("lastEnd").GetProperty("broadcastId").GetString()!;
        var final = await Broadcast_EndToEnd_Tests.WaitForEndAsync(other, id, TimeSpan.FromSeconds(20));
        Assert.Contains("arecord ended", final.GetProperty("reason").GetString());
    }

    private const string SoundCardPath = "/api/live/soundcard";
}
