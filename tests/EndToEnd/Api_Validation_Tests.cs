using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>Bad API bodies get a clear 4xx problem document and leave stored data intact.</summary>
public sealed class Api_Validation_Tests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private RunningController _controller = null!;

    public async Task InitializeAsync()
    {
        _controller = await RunningController.StartAsync(_temp.Sub("data"));
        await _controller.RegisterDeviceAsync("known");
    }

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("{\"id\":\"Bad Id!\"}", HttpStatusCode.BadRequest, "id")]
    [InlineData("{\"id\":\"controller\"}", HttpStatusCode.BadRequest, "reserved")]
    [InlineData("{\"id\":\"known\"}", HttpStatusCode.Conflict, "known")]
    [InlineData("{\"name\":\"no id\"}", HttpStatusCode.BadRequest, "id")]
    [InlineData("{not json", HttpStatusCode.BadRequest, "")]
    public async Task Device_registration_rejects_bad_bodies(string body, HttpStatusCode expected, string detailContains)
    {
        var response = await _controller.Installer.SendAsync(HttpMethod.Post, "/api/devices", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(expected, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains(detailContains, problem, StringComparison.OrdinalIgnoreCase);
        var devices = await _controller.Installer.GetJsonAsync("/api/devices");
        Assert.Equal(["known"], devices.EnumerateArray().Select(d => d.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Registration_returns_a_secret_once_and_lists_the_device_offline()
    {
        var secret = await _controller.RegisterDeviceAsync("fresh");
        Assert.True(secret.Length >= 40, "a 256-bit secret");
        var device = await _controller.Installer.GetJsonAsync("/api/devices/fresh");
        Assert.False(device.GetProperty("online").GetBoolean());
        Assert.DoesNotContain(secret, device.GetRawText());
    }

    [Fact]
    public async Task Broadcast_without_form_is_415()
    {
        var response = await _controller.Broadcaster.SendAsync(HttpMethod.Post, "/api/broadcasts", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Broadcast_of_garbage_audio_is_400_with_the_reason()
    {
        var response = await PostBroadcastAsync(Encoding.ASCII.GetBytes("this is not audio at all, just text pretending"), "all");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not playable audio", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Broadcast_of_truncated_wav_is_400()
    {
        var wav = TestAudio.Wav(new float[48_000], 48_000)[..30];
        var response = await PostBroadcastAsync(wav, "all");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("", "targets")]
    [InlineData("nobody-here", "unknown speakers")]
    [InlineData("Not Valid", "targets")]
    public async Task Broadcast_with_bad_targets_is_400(string targets, string detailContains)
    {
        var response = await PostBroadcastAsync(TestAudio.Wav(new float[4_800], 48_000), targets);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(detailContains, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_broadcast_is_404()
    {
        var response = await _controller.Broadcaster.GetAsync("/api/broadcasts/doesnotexist");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostBroadcastAsync(byte[] file, string targets)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(file), "file", "upload.wav");
        if (targets.Length > 0) form.Add(new StringContent(targets), "targets");
        return await _controller.Broadcaster.SendAsync(HttpMethod.Post, "/api/broadcasts", form);
    }
}
