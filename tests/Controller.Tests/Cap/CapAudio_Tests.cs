using System.Security.Cryptography;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Cap;
using InfoRadio.Controller.Speech;
using InfoRadio.Controller.Tests.Audio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Tests.Cap;

/// <summary>
/// An alert's sound from a resource uri over real loopback HTTP: fetched only when allowed, within size and time
/// limits and its digest; anything else falls back to speech with the reason noted.
/// </summary>
public sealed class CapAudio_Tests : IAsyncLifetime
{
    private static readonly byte[] Wav = TestWav.Build(Enumerable.Range(0, 4800).Select(i => 0.3f * MathF.Sin(i * 0.2f)).ToArray(), 48_000, 1, WavSampleFormat.Pcm16);
    private readonly RecordingSpeech _speech = new();
    private WebApplication _server = null!;
    private string _base = "";

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _server = builder.Build();
        _server.MapGet("/alert.wav", () => Results.Bytes(Wav, "audio/wav"));
        _server.MapGet("/big.wav", () => Results.Bytes(new byte[200_000], "audio/wav"));
        _server.MapGet("/slow.wav", async () => { await Task.Delay(5000); return Results.Bytes(Wav, "audio/wav"); });
        _server.MapGet("/missing.wav", () => Results.NotFound());
        await _server.StartAsync();
        _base = $"http://127.0.0.1:{port}";
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CapAudio Audio(CapOptions options)
    {
        var services = new ServiceCollection().AddSingleton<ISpeechSynthesizer>(_speech).BuildServiceProvider();
        return new CapAudio(new AudioFileDecoder(), services, Options.Create(options));
    }

    private static CapInfo Info(string uri, string? digest = null, string mime = "audio/x-wav") => new()
    {
        Headline = "Vỡ đê",
        Instruction = "Sơ tán ngay.",
        Resources = [new CapResource { ResourceDesc = "thông báo", MimeType = mime, Uri = uri, Digest = digest }],
    };

    [Fact]
    public async Task An_allowed_uri_is_fetched_and_decoded()
    {
        var digest = Convert.ToHexString(SHA1.HashData(Wav));
        var sound = await Audio(new CapOptions { FetchResourceUris = true, AllowedResourceHosts = ["127.0.0.1"] }).ResolveAsync(Info(_base + "/alert.wav", digest), default);

        Assert.Equal(("uri", null), (sound.Source, sound.Note));
        Assert.Equal(4800, sound.Audio.Samples.Length);
        Assert.Empty(_speech.Calls);
    }

    [Theory]
    [InlineData(false, "/alert.wav", null, "Cap:FetchResourceUris is off")]
    [InlineData(true, "/alert.wav", "other.example", "host '127.0.0.1' is not in Cap:AllowedResourceHosts")]
    [InlineData(true, "/big.wav", null, "larger than 100000 bytes")]
    [InlineData(true, "/slow.wav", null, "took longer than 1 s")]
    [InlineData(true, "/missing.wav", null, "answered 404")]
    public async Task A_uri_that_may_not_or_cannot_be_fetched_falls_back_to_speech(bool fetch, string path, string? host, string why)
    {
        var options = new CapOptions { FetchResourceUris = fetch, MaxResourceBytes = 100_000, FetchTimeoutSeconds = 1 };
        if (host is not null) options.AllowedResourceHosts.Add(host);

        var sound = await Audio(options).ResolveAsync(Info(_base + path), default);

        Assert.Equal("tts", sound.Source);
        Assert.Contains(why, sound.Note);
        Assert.Equal("Vỡ đê. Sơ tán ngay", Assert.Single(_speech.Calls).Text);
    }

    [Fact]
    public async Task A_wrong_digest_or_scheme_is_refused_and_other_media_types_are_not_sound()
    {
        var options = new CapOptions { FetchResourceUris = true };
        Assert.Contains("digest does not match", (await Audio(options).ResolveAsync(Info(_base + "/alert.wav", new string('0', 40)), default)).Note);
        Assert.Contains("only http and https", (await Audio(options).ResolveAsync(Info("ftp://127.0.0.1/alert.wav"), default)).Note);
        Assert.Null((await Audio(options).ResolveAsync(Info(_base + "/alert.wav", mime: "image/png"), default)).Note);
        Assert.Equal(3, _speech.Calls.Count);
    }

    [Fact]
    public void The_spoken_text_is_headline_or_event_and_instruction_plus_the_description_when_asked()
    {
        var info = new CapInfo { Event = "Bão", Description = "Gió cấp 10.", Instruction = "Ở trong nhà." };
        Assert.Equal("Bão. Ở trong nhà", Audio(new CapOptions()).TextOf(info));
        Assert.Equal("Bão. Gió cấp 10. Ở trong nhà", Audio(new CapOptions { SpeakDescription = true }).TextOf(info));
    }
}
