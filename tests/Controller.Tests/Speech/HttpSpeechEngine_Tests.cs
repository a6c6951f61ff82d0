using System.Net;
using System.Text.Json;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Speech;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Tests.Speech;

/// <summary>The HTTP engine against a real loopback HTTP server.</summary>
public sealed class HttpSpeechEngine_Tests
{
    private static HttpSpeechEngine Engine(string url, Action<HttpSpeechOptions>? configure = null)
    {
        var options = new HttpSpeechOptions { Url = url, TimeoutSeconds = 5 };
        configure?.Invoke(options);
        Assert.Null(options.Validate());
        return new HttpSpeechEngine(new HttpClient(), Options.Create(options), new AudioFileDecoder());
    }

    /// <summary>Real speech as a cloud service would return it: espeak-ng's WAV (22 050 Hz, 16-bit).</summary>
    private static async Task<byte[]> RealSpeechWavAsync()
    {
        var psi = new System.Diagnostics.ProcessStartInfo("espeak-ng") { RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var a in new[] { "-v", "vi", "-w", "/dev/stdout", "--stdin" }) psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        await p.StandardInput.WriteAsync("xin chào bà con");
        p.StandardInput.Close();
        using var ms = new MemoryStream();
        await p.StandardOutput.BaseStream.CopyToAsync(ms);
        await p.WaitForExitAsync();
        var wav = ms.ToArray();
        WavBytes.RepairStreamingSizes(wav);
        return wav;
    }

    [Fact]
    public async Task Posts_json_with_the_mapped_voice_and_key_and_decodes_the_WAV_answer()
    {
        var wav = await RealSpeechWavAsync();
        JsonElement? seen = null;
        string? key = null, contentType = null;
        await using var server = new LoopbackHttpServer(async ctx =>
        {
            contentType = ctx.Request.ContentType;
            key = ctx.Request.Headers["X-Api-Key"];
            seen = JsonDocument.Parse(await new StreamReader(ctx.Request.InputStream).ReadToEndAsync()).RootElement.Clone();
            ctx.Response.ContentType = "audio/wav";
            await ctx.Response.OutputStream.WriteAsync(wav);
        });
        var engine = Engine(server.Url, o => { o.ApiKey = "s3cret"; o.SouthernVoice = "banmai"; });

        var audio = await engine.RenderAsync("xin chào bà con", TtsVoice.Southern, 1.25, CancellationToken.None);

        Assert.True(SpeechAudio.Rms(audio) > 0.02);
        Assert.InRange(audio.Duration.TotalSeconds, 0.5, 4);
        Assert.StartsWith("application/json", contentType);
        Assert.Equal("s3cret", key);
        Assert.Equal("xin chào bà con", seen!.Value.GetProperty("text").GetString());
        Assert.Equal("banmai", seen.Value.GetProperty("voice").GetString());
        Assert.Equal(1.25, seen.Value.GetProperty("speed").GetDouble());
        Assert.Equal($"http:{server.Url}", engine.Name);
    }

    [Fact]
    public async Task A_server_error_says_the_status_and_what_the_service_said()
    {
        await using var server = new LoopbackHttpServer(async ctx =>
        {
            ctx.Response.StatusCode = 500;
            await ctx.Response.OutputStream.WriteAsync("{\"error\":\"quota exceeded\"}"u8.ToArray());
        });
        var e = await Assert.ThrowsAsync<SpeechSynthesisException>(() => Engine(server.Url).RenderAsync("xin chào", TtsVoice.Northern, 1, CancellationToken.None));
        Assert.Contains("500", e.Message);
        Assert.Contains("quota exceeded", e.Message);
    }

    [Fact]
    public async Task A_service_that_does_not_answer_in_time_times_out()
    {
        await using var server = new LoopbackHttpServer(async _ => await Task.Delay(TimeSpan.FromSeconds(10)));
        var started = DateTime.UtcNow;
        var e = await Assert.ThrowsAsync<SpeechSynthesisException>(() =>
            Engine(server.Url, o => o.TimeoutSeconds = 1).RenderAsync("xin chào", TtsVoice.Northern, 1, CancellationToken.None));
        Assert.Contains("did not answer within 1 s", e.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task A_garbage_answer_is_not_audio()
    {
        await using var server = new LoopbackHttpServer(async ctx =>
        {
            ctx.Response.ContentType = "audio/wav";
            await ctx.Response.OutputStream.WriteAsync("<html>this is not audio</html>"u8.ToArray());
        });
        var e = await Assert.ThrowsAsync<SpeechSynthesisException>(() => Engine(server.Url).RenderAsync("xin chào", TtsVoice.Northern, 1, CancellationToken.None));
        Assert.Contains("not WAV or MP3", e.Message);
    }

    [Fact]
    public async Task An_answer_over_the_size_limit_is_refused()
    {
        var wav = await RealSpeechWavAsync();
        await using var server = new LoopbackHttpServer(async ctx =>
        {
            ctx.Response.SendChunked = true; // no Content-Length: the limit must hold while reading
            await ctx.Response.OutputStream.WriteAsync(wav);
        });
        var e = await Assert.ThrowsAsync<SpeechSynthesisException>(() =>
            Engine(server.Url, o => o.MaxResponseBytes = 4096).RenderAsync("xin chào", TtsVoice.Northern, 1, CancellationToken.None));
        Assert.Contains("larger than", e.Message);
    }

    [Fact]
    public async Task An_unreachable_service_is_a_clear_error()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var e = await Assert.ThrowsAsync<SpeechSynthesisException>(() =>
            Engine($"http://127.0.0.1:{port}/tts").RenderAsync("xin chào", TtsVoice.Northern, 1, CancellationToken.None));
        Assert.Contains("cannot be reached", e.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ftp://example/x")]
    [InlineData("not a url")]
    public void Options_need_an_http_url(string? url) => Assert.NotNull(new HttpSpeechOptions { Url = url }.Validate());
}
