using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InfoRadio.EndToEnd.Tests.Chaos;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests.Security;

/// <summary>
/// The HTTP authentication and authorization hooks an EMQX cluster calls (<c>Broker:External:Kind=emqx-http</c>),
/// against a real controller: they give the embedded broker's answers, and only to a caller with the hook secret.
/// </summary>
public sealed class Emqx_Hook_Tests : IAsyncLifetime
{
    private const string HookSecret = "emqx-hook-secret-0123456789abcdef";
    private readonly TempDirectory _temp = new();
    private readonly HttpClient _emqx = new() { Timeout = TimeSpan.FromSeconds(30) };
    private RunningController _controller = null!;
    private RestartableMosquitto _broker = null!;
    private string _secret = "";

    public async Task InitializeAsync()
    {
        // The controller's own link needs a broker to be healthy; an anonymous mosquitto stands in for the EMQX cluster.
        _broker = new RestartableMosquitto(_temp.Sub("mosquitto"));
        await _broker.StartAsync();
        _controller = await RunningController.StartAsync(_temp.Sub("data"), null, _broker.Port,
            "--Broker:Embedded=false", "--Broker:External:Kind=emqx-http", $"--Broker:External:HookSecret={HookSecret}");
        _emqx.BaseAddress = new Uri($"http://127.0.0.1:{_controller.HttpPort}");
        _secret = await _controller.RegisterDeviceAsync("emqx-box-1");
        await _controller.RegisterDeviceAsync("emqx-box-2");
    }

    public async Task DisposeAsync()
    {
        _emqx.Dispose();
        await _controller.DisposeAsync();
        await _broker.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_call_without_the_hook_secret_is_refused_whatever_it_asks()
    {
        var body = new { username = "emqx-box-1", password = _secret, clientid = "emqx-box-1", peerhost = "10.0.0.7" };
        Assert.Equal(HttpStatusCode.Unauthorized, (await _emqx.PostAsJsonAsync("/broker/emqx/authn", body)).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/broker/emqx/authn") { Content = JsonContent.Create(body) };
        wrong.Headers.Add("X-InfoRadio-Hook-Secret", "not-the-secret");
        var answer = await _emqx.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("deny", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetString());
    }

    [Fact]
    public async Task Authentication_allows_a_device_with_its_own_secret_and_client_id_only()
    {
        Assert.Equal("allow", await AskAsync("authn", new { username = "emqx-box-1", password = _secret, clientid = "emqx-box-1", peerhost = "10.0.0.7" }));
        Assert.Equal("deny", await AskAsync("authn", new { username = "emqx-box-1", password = "a-guessed-secret", clientid = "emqx-box-1", peerhost = "10.0.0.8" }));
        Assert.Equal("deny", await AskAsync("authn", new { username = "emqx-box-2", password = _secret, clientid = "emqx-box-2", peerhost = "10.0.0.9" }));
        Assert.Equal("deny", await AskAsync("authn", new { username = "emqx-box-1", password = _secret, clientid = "emqx-box-2", peerhost = "10.0.0.7" }));
        Assert.Equal("deny", await AskAsync("authn", new { username = "stranger", password = "x", clientid = "stranger", peerhost = "10.0.0.10" }));
    }

    [Theory]
    [InlineData("publish", "inforadio/v1/devices/emqx-box-1/state", "allow")]
    [InlineData("publish", "inforadio/v1/devices/emqx-box-1/events", "allow")]
    [InlineData("publish", "inforadio/v1/devices/emqx-box-2/state", "deny")]
    [InlineData("publish", "inforadio/v1/devices/emqx-box-1/desired", "deny")]
    [InlineData("publish", "inforadio/v1/zones/all/desired", "deny")]
    [InlineData("publish", "inforadio/v1/streams/7/audio", "deny")]
    [InlineData("subscribe", "inforadio/v1/devices/emqx-box-1/desired", "allow")]
    [InlineData("subscribe", "inforadio/v1/devices/emqx-box-1/plan", "allow")]
    [InlineData("subscribe", "inforadio/v1/devices/emqx-box-2/plan", "deny")]
    [InlineData("subscribe", "inforadio/v1/zones/all/desired", "allow")]
    [InlineData("subscribe", "#", "deny")]
    [InlineData("subscribe", "inforadio/v1/devices/+/commands", "deny")]
    [InlineData("delete", "inforadio/v1/devices/emqx-box-1/state", "deny")]
    public async Task Authorization_gives_the_embedded_brokers_topic_policy(string action, string topic, string expected) =>
        Assert.Equal(expected, await AskAsync("authz", new { username = "emqx-box-1", clientid = "emqx-box-1", topic, action, qos = 1, retain = false }));

    [Fact]
    public async Task Authorization_denies_an_identity_the_controller_does_not_know() =>
        Assert.Equal("deny", await AskAsync("authz", new { username = "stranger", clientid = "stranger", topic = "inforadio/v1/devices/stranger/state", action = "publish", retain = false }));

    private async Task<string?> AskAsync(string hook, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/broker/emqx/{hook}") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-InfoRadio-Hook-Secret", HookSecret);
        var response = await _emqx.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetString();
    }
}
