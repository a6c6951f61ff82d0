using System.Security.Cryptography;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Speech;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Cap;

/// <summary>What an alert sounds like, and where that came from (<c>resource</c>, <c>uri</c> or <c>tts</c>).</summary>
public sealed record CapSound(DecodedAudio Audio, string Source, string? Note);

/// <summary>
/// Gives an alert its sound: the first WAV or MP3 resource carried inline (<c>derefUri</c>, checked against its
/// <c>digest</c> when given); else, when Cap:FetchResourceUris allows, its http(s) <c>uri</c> fetched within size and
/// time limits from an allowed host; else text-to-speech of headline (or event) and instruction, plus description when
/// Cap:SpeakDescription. A resource that fails falls back to speech, noted in the ledger.
/// </summary>
public sealed class CapAudio(AudioFileDecoder decoder, IServiceProvider services, IOptions<CapOptions> options, IHttpClientFactory? http = null)
{
    public static readonly IReadOnlyList<string> AudioMimeTypes =
        ["audio/mpeg", "audio/mp3", "audio/mpeg3", "audio/x-mpeg", "audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"];

    private readonly CapOptions _options = options.Value;

    public async Task<CapSound> ResolveAsync(CapInfo info, CancellationToken ct)
    {
        var notes = new List<string>();
        foreach (var resource in info.Resources.Where(IsAudio))
        {
            try
            {
                if (resource.DerefUri is { } inline) return new CapSound(Decode(Inline(inline, resource)), "resource", null);
                if (resource.Uri is { } uri && _options.FetchResourceUris)
                    return new CapSound(Decode(await FetchAsync(uri, resource, ct)), "uri", null);
                if (resource.Uri is not null) notes.Add("the audio resource's uri was not fetched (Cap:FetchResourceUris is off)");
            }
            catch (CapAirException e)
            {
                notes.Add($"the audio resource '{resource.ResourceDesc}' was not usable: {e.Message}");
            }
        }
        var spoken = await SpeakAsync(info, ct);
        return spoken with { Note = notes.Count == 0 ? null : string.Join("; ", notes) };
    }

    /// <summary>The text read aloud when an alert has no usable audio.</summary>
    public string TextOf(CapInfo info)
    {
        var parts = new List<string?> { info.Headline ?? info.Event, info.Instruction };
        if (_options.SpeakDescription) parts.Insert(1, info.Description);
        return string.Join(". ", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim().TrimEnd('.')));
    }

    private async Task<CapSound> SpeakAsync(CapInfo info, CancellationToken ct)
    {
        var text = TextOf(info);
        if (text.Length == 0) throw new CapAirException("the alert has no audio and no headline, event or instruction to read");
        var tts = services.GetService<ISpeechSynthesizer>()
            ?? throw new CapAirException("the alert has no usable audio and no text-to-speech engine is configured");
        try
        {
            return new CapSound(await tts.SynthesizeAsync(text, _options.Voice, _options.Speed, ct), "tts", null);
        }
        catch (SpeechSynthesisException e)
        {
            throw new CapAirException("text-to-speech failed: " + e.Message, e);
        }
    }

    private static bool IsAudio(CapResource r) =>
        r.MimeType is { } m && AudioMimeTypes.Contains(m.Split(';')[0].Trim(), StringComparer.OrdinalIgnoreCase);

    private byte[] Inline(string base64, CapResource resource)
    {
        byte[] bytes;
        try { bytes = Convert.FromBase64String(string.Concat(base64.Where(c => !char.IsWhiteSpace(c)))); }
        catch (FormatException) { throw new CapAirException("derefUri is not base64"); }
        if (bytes.Length > _options.MaxResourceBytes) throw new CapAirException($"it is larger than {_options.MaxResourceBytes} bytes");
        CheckDigest(bytes, resource.Digest);
        return bytes;
    }

    private static void CheckDigest(byte[] bytes, string? digest)
    {
        if (digest is null) return;
        if (!Convert.ToHexString(SHA1.HashData(bytes)).Equals(digest, StringComparison.OrdinalIgnoreCase))
            throw new CapAirException("its SHA-1 digest does not match the data");
    }

    private DecodedAudio Decode(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return decoder.Decode(stream, (long)_options.MaxAudioMinutes * 60 * DecodedAudio.SampleRate);
        }
        catch (AudioFormatException e)
        {
            throw new CapAirException("it is not playable WAV or MP3 audio: " + e.Message, e);
        }
    }

    private async Task<byte[]> FetchAsync(string uri, CapResource resource, CancellationToken ct)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new CapAirException($"only http and https uris are fetched, not '{uri}'");
        if (_options.AllowedResourceHosts.Count > 0 && !_options.AllowedResourceHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase))
            throw new CapAirException($"host '{url.Host}' is not in Cap:AllowedResourceHosts");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.FetchTimeoutSeconds));
        var client = http?.CreateClient(nameof(CapAudio)) ?? new HttpClient();
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode) throw new CapAirException($"fetching it answered {(int)response.StatusCode}");
            if (response.Content.Headers.ContentLength > _options.MaxResourceBytes) throw new CapAirException($"it is larger than {_options.MaxResourceBytes} bytes");
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, timeout.Token)) > 0)
            {
                if (copy.Length + read > _options.MaxResourceBytes) throw new CapAirException($"it is larger than {_options.MaxResourceBytes} bytes");
                copy.Write(buffer, 0, read);
            }
            var bytes = copy.ToArray();
            CheckDigest(bytes, resource.Digest);
            return bytes;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CapAirException($"fetching it took longer than {_options.FetchTimeoutSeconds} s");
        }
        catch (HttpRequestException e)
        {
            throw new CapAirException("fetching it failed: " + e.Message, e);
        }
        finally
        {
            if (http is null) client.Dispose();
        }
    }
}
