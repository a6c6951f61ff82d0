using System.Net.Http.Json;
using System.Text.Json;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Hosting;
using InfoRadio.Controller.Security;
using InfoRadio.DeviceAgent.Link;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfoRadio.EndToEnd.Tests.Security;

/// <summary>
/// A controller with MQTT over TLS only (plain endpoint closed, so its own link uses TLS too) and HTTPS, on the
/// development certificate it generates; agents that trust it by CA file connect and play, others never get in.
/// </summary>
public sealed class Tls_EndToEnd_Tests
{
    [Fact]
    public async Task An_agent_over_TLS_plays_a_broadcast_and_one_that_does_not_trust_the_certificate_never_connects()
    {
        using var temp = new TempDirectory();
        var (httpPort, httpsPort, plainPort, tlsPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        var app = ControllerApp.Build([
            "--urls", $"http://127.0.0.1:{httpPort};https://127.0.0.1:{httpsPort}", $"--Broker:Port={plainPort}",
            "--Broker:Tls:Enabled=true", $"--Broker:Tls:Port={tlsPort}", "--Broker:Tls:DisablePlainEndpoint=true",
            "--Broker:ListenIPv6=false", $"--Storage:DataDir={temp.Sub("data")}", "--Logging:LogLevel:Default=Warning",
            "--Accounts:Users:0:Name=bc", "--Accounts:Users:0:Roles:0=broadcaster", "--Accounts:Users:0:Token=tls-broadcaster-token-0123456789",
        ]);
        await app.StartAsync();
        try
        {
            var certificates = app.Services.GetRequiredService<ServerCertificateSource>();
            Assert.True(certificates.IsDevelopment);
            Assert.StartsWith(temp.Sub("data"), certificates.Path, StringComparison.Ordinal);
            var trust = ServerCertificateTrust.Create(null, certificates.DevelopmentPemPath, false);

            // HTTPS answers /healthz, and "connected" means the controller's own link came up over TLS.
            using var https = new HttpClient(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, cert, chain, errors) => trust.IsTrusted(cert, chain, errors),
            }) { BaseAddress = new Uri($"https://127.0.0.1:{httpsPort}") };
            await Eventually.TrueAsync(async () => (await https.GetAsync("/healthz")).IsSuccessStatusCode, TimeSpan.FromSeconds(15), "healthy over HTTPS");
            using var untrusting = new HttpClient { BaseAddress = new Uri($"https://127.0.0.1:{httpsPort}") };
            await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync("/healthz"));

            var registry = app.Services.GetRequiredService<DeviceRegistry>();
            var good = registry.Register("spk-tls", null).Secret;
            var naive = registry.Register("spk-naive", null).Secret;
            await using var speaker = new RunningSpeaker("spk-tls", good, tlsPort, temp.Sub("tls"),
                configure: o => { o.Tls.Enabled = true; o.Tls.CaFile = certificates.DevelopmentPemPath; o.ControllerHost = "localhost"; });
            await using var stranger = new RunningSpeaker("spk-naive", naive, tlsPort, temp.Sub("naive"), configure: o => o.Tls.Enabled = true);
            await Eventually.TrueAsync(() => Task.FromResult(registry.Find("spk-tls")!.Online), TimeSpan.FromSeconds(15), "TLS speaker online");

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "tls-broadcaster-token-0123456789");
            using var form = new MultipartFormDataContent();
            var source = SpeechLikeSignal.Generate(seed: 11, TimeSpan.FromSeconds(1));
            var file = new ByteArrayContent(TestAudio.Wav(source, 48_000));
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("audio/wav");
            form.Add(file, "file", "tls.wav");
            form.Add(new StringContent("spk-tls"), "targets");
            var started = await http.PostAsync("/api/broadcasts", form);
            Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
            var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

            JsonElement view = default;
            await Eventually.TrueAsync(async () =>
            {
                view = await http.GetFromJsonAsync<JsonElement>($"/api/broadcasts/{id}");
                return view.GetProperty("state").GetString() is "finished" or "failed";
            }, TimeSpan.FromSeconds(30), "broadcast ended");
            Assert.Equal("finished", view.GetProperty("state").GetString());
            var played = TestAudio.ReadWav(speaker.WavOf(id));
            var (correlation, _, _) = TestAudio.AlignPerSecond(TestAudio.AfterOpusRoundTrip(source), played);
            Assert.True(correlation >= 0.9, $"correlation {correlation:0.000}");

            Assert.False(registry.Find("spk-naive")!.Online);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
