using System.Net.Http.Headers;
using System.Net.Http.Json;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Scheduling;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Speech;

/// <summary>
/// A TTS service over HTTP, so a cloud or on-premises voice can replace espeak-ng by configuration: POST
/// <c>{"text","voice","speed"}</c> as JSON to the configured URL, WAV or MP3 back (recognised by content). Every
/// failure — no answer in time, a non-2xx status, an answer too large or not audio — is a
/// <see cref="SpeechSynthesisException"/> that says which.
/// </summary>
public sealed class HttpSpeechEngine(HttpClient http, IOptions<HttpSpeechOptions> options, AudioFileDecoder decoder) : ISpeechEngine
{
    private readonly HttpSpeechOptions _options = options.Value;

    public string Name => $"http:{_options.Url}";

    public string VoiceOf(TtsVoice voice) => voice switch
    {
        TtsVoice.Central => _options.CentralVoice,
        TtsVoice.Southern => _options.SouthernVoice,
        _ => _options.NorthernVoice,
    };

    public async Task<DecodedAudio> RenderAsync(string text, TtsVoice voice, double speed, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new SpeechSynthesisException("nothing to say: the text is empty");
        if (!Uri.TryCreate(_options.Url, UriKind.Absolute, out var url)) throw new SpeechSynthesisException($"{HttpSpeechOptions.Section}:Url is not set");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new SpeechRequest(text, VoiceOf(voice), speed)),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("audio/wav"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("audio/mpeg"));
        if (!string.IsNullOrEmpty(_options.ApiKey)) request.Headers.TryAddWithoutValidation(_options.ApiKeyHeader, _options.ApiKey);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                var detail = await ReadTextAsync(response, timeout.Token);
                throw new SpeechSynthesisException($"the TTS service at {url.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}: {detail}");
            }
            if (response.Content.Headers.ContentLength > _options.MaxResponseBytes)
                throw new SpeechSynthesisException($"the TTS service's answer ({response.Content.Headers.ContentLength} bytes) is larger than the {_options.MaxResponseBytes} accepted");
            var body = await ReadLimitedAsync(response, timeout.Token);
            using var input = new MemoryStream(body, writable: false);
            return decoder.Decode(input, long.MaxValue);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new SpeechSynthesisException($"the TTS service at {url.GetLeftPart(UriPartial.Path)} did not answer within {_options.TimeoutSeconds} s");
        }
        catch (HttpRequestException e)
        {
            throw new SpeechSynthesisException($"the TTS service at {url.GetLeftPart(UriPartial.Path)} cannot be reached: {e.Message}", e);
        }
        catch (AudioFormatException e)
        {
            throw new SpeechSynthesisException($"the TTS service's answer is not WAV or MP3 audio: {e.Message}", e);
        }
    }

    private async Task<byte[]> ReadLimitedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[65_536];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > _options.MaxResponseBytes)
                throw new SpeechSynthesisException($"the TTS service's answer is larger than the {_options.MaxResponseBytes} bytes accepted");
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    /// <summary>The start of an error answer, for the message: services usually say what was wrong.</summary>
    private static async Task<string> ReadTextAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[300];
            var n = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            var text = System.Text.Encoding.UTF8.GetString(buffer, 0, n).Trim();
            return text.Length == 0 ? "(no body)" : new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return "(body unreadable)";
        }
    }

    private sealed record SpeechRequest(string Text, string Voice, double Speed);
}
