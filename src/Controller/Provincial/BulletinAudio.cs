using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Speech;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Provincial;

/// <summary>
/// Gives a bulletin its sound: its inline recording (kept in the bulletin store), its recording fetched from its URL
/// within size and time limits (<see cref="BytesAsync"/>, then <see cref="Decode"/>), or its text spoken
/// (<see cref="SpeakAsync"/>).
/// </summary>
public sealed class BulletinAudio(AudioFileDecoder decoder, BulletinStore store, IServiceProvider services, IHttpClientFactory http,
    IOptions<ProvincialOptions> options)
{
    public const string HttpClientName = "provincial-audio";

    private readonly ProvincialOptions _options = options.Value;

    /// <summary>The bulletin's text spoken by the controller's text-to-speech engine.</summary>
    public async Task<DecodedAudio> SpeakAsync(BulletinRecord record, CancellationToken ct)
    {
        if (record.Text is not { Length: > 0 } text) throw new BulletinAirException("the bulletin has neither usable audio nor text");
        var tts = services.GetService<ISpeechSynthesizer>()
            ?? throw new BulletinAirException("the bulletin is text and no text-to-speech engine is configured");
        var voice = Enum.TryParse<TtsVoice>(record.Voice, true, out var v) ? v : _options.Bulletins.Voice;
        try
        {
            return await tts.SynthesizeAsync(text, voice, _options.Bulletins.Speed, ct);
        }
        catch (SpeechSynthesisException e)
        {
            throw new BulletinAirException("text-to-speech failed: " + e.Message, e);
        }
    }

    /// <summary>The bulletin's recording as a file (inline or fetched); null when it has none.</summary>
    public async Task<byte[]?> BytesAsync(BulletinRecord record, CancellationToken ct)
    {
        if (record.InlineAudio) return store.LoadAudio(record.Id) ?? throw new BulletinAirException("its inline audio was not kept");
        return record.AudioUrl is { } url ? await FetchAsync(url, ct) : null;
    }

    /// <exception cref="BulletinAirException">Not playable WAV or MP3, or too long.</exception>
    public DecodedAudio Decode(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return decoder.Decode(stream, (long)_options.Bulletins.MaxAudioMinutes * 60 * DecodedAudio.SampleRate);
        }
        catch (AudioFormatException e)
        {
            throw new BulletinAirException("is not playable WAV or MP3 audio: " + e.Message, e);
        }
    }

    private bool IsProvinceHost(Uri url) =>
        new[] { _options.Endpoint, _options.Bulletins.PollUrl }.OfType<string>()
            .Any(known => Uri.TryCreate(known, UriKind.Absolute, out var k) && k.Scheme == url.Scheme && string.Equals(k.Authority, url.Authority, StringComparison.OrdinalIgnoreCase));

    private async Task<byte[]> FetchAsync(string url, CancellationToken ct)
    {
        // Checked again: the options may have changed since intake, and a record is not to be trusted blindly.
        if (!_options.IsAllowedUrl(url)) throw new BulletinAirException($"its audio URL '{url}' is not allowed");
        var max = _options.Bulletins.MaxAudioBytes;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.Bulletins.FetchTimeoutSeconds));
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            // The province's credential goes only to the province's own hosts, never to wherever a URL points.
            if (_options.Token is { Length: > 0 } token && IsProvinceHost(request.RequestUri!)) request.Headers.Authorization = new("Bearer", token);
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode) throw new BulletinAirException($"fetching its audio answered {(int)response.StatusCode}");
            if (response.Content.Headers.ContentLength > max) throw new BulletinAirException($"its audio is larger than {max} bytes");
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, timeout.Token)) > 0)
            {
                if (copy.Length + read > max) throw new BulletinAirException($"its audio is larger than {max} bytes");
                copy.Write(buffer, 0, read);
            }
            return copy.ToArray();
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new BulletinAirException($"fetching its audio took longer than {_options.Bulletins.FetchTimeoutSeconds} s");
        }
        catch (HttpRequestException e)
        {
            throw new BulletinAirException("fetching its audio failed: " + e.Message, e);
        }
    }
}
