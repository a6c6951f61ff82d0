using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Relay;

/// <summary>
/// Opens an HTTP(S) MP3 stream: GET with <c>Icy-MetaData: 1</c> (metadata blocks are stripped, their titles kept),
/// redirects followed up to Relay:MaxRedirects, headers awaited at most Relay:ConnectTimeoutMs. A response that is
/// not an MP3 stream (an error status, an HTML page, another format) is refused with a plain reason.
/// </summary>
public sealed class RelayConnector : IDisposable
{
    private static readonly HashSet<string> Mp3Types = new(StringComparer.OrdinalIgnoreCase)
    {
        "audio/mpeg", "audio/mp3", "audio/mpeg3", "audio/x-mpeg", "audio/x-mp3", "audio/x-mpeg-3", "audio/mpa", "audio/mpg",
        "application/octet-stream",
    };

    private readonly HttpClient _http;
    private readonly RelayOptions _options;

    public RelayConnector(IOptions<RelayOptions> options)
    {
        _options = options.Value;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = _options.MaxRedirects > 0,
            MaxAutomaticRedirections = Math.Max(1, _options.MaxRedirects),
            ConnectTimeout = TimeSpan.FromMilliseconds(_options.ConnectTimeoutMs),
            AutomaticDecompression = DecompressionMethods.None,
        };
        // A stream never ends by itself: the relay's own watch (no data, silence) decides when a connection is dead.
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("InfoRadio-Relay", "1.0"));
    }

    /// <summary>Connects; the returned connection's reads are cancelled by <paramref name="ct"/>.</summary>
    /// <exception cref="RelaySourceException">The source cannot be reached or does not answer with an MP3 stream.</exception>
    public async Task<RelayConnection> ConnectAsync(Uri url, CancellationToken ct)
    {
        using var headersTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        headersTimeout.CancelAfter(_options.ConnectTimeoutMs);
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Icy-MetaData", "1");
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headersTimeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new RelaySourceException($"the source did not answer within {_options.ConnectTimeoutMs} ms", false);
        }
        catch (HttpRequestException e)
        {
            throw new RelaySourceException($"the source cannot be reached: {e.Message}", false, e);
        }

        try
        {
            return await OpenAsync(response, ct);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task<RelayConnection> OpenAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
            throw new RelaySourceException($"the source redirects ({status}) more often than allowed or to a refused location", true);
        if (!response.IsSuccessStatusCode)
        {
            // 5xx and 429 are outages worth retrying; other errors mean the URL is wrong.
            var outage = status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests;
            throw new RelaySourceException($"the source answered {status} {response.ReasonPhrase}", !outage);
        }
        var type = response.Content.Headers.ContentType?.MediaType;
        if (type is not null && !Mp3Types.Contains(type))
            throw new RelaySourceException($"the source is not an MP3 stream: it sent {type} (only MP3 streams can be relayed)", true);

        var network = await response.Content.ReadAsStreamAsync(ct);
        Stream audio = new CancellableReadStream(network, ct);
        IcyMetadataStream? icy = null;
        if (Header(response, "icy-metaint") is { } metaint)
        {
            if (!int.TryParse(metaint, NumberStyles.None, CultureInfo.InvariantCulture, out var interval) || interval is < 1 or > 1_048_576)
                throw new RelaySourceException($"the source sent an unusable icy-metaint header '{metaint}'", true);
            audio = icy = new IcyMetadataStream(audio, interval);
        }
        var name = Header(response, "icy-name");
        return new RelayConnection(response, audio, icy, name, type ?? "no content type");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? values.FirstOrDefault()?.Trim()
            : null;

    public void Dispose() => _http.Dispose();

    /// <summary>Synchronous reads (the MP3 decoder reads synchronously) that a token can interrupt.</summary>
    private sealed class CancellableReadStream(Stream inner, CancellationToken ct) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        /// <summary>
        /// Fills the request unless the stream ends: NLayer takes a short read for the end of the stream, and a
        /// network stream returns whatever has arrived.
        /// </summary>
        public override int Read(byte[] buffer, int offset, int count)
        {
            var total = 0;
            while (total < count)
            {
                var n = inner.ReadAsync(buffer.AsMemory(offset + total, count - total), ct).AsTask().GetAwaiter().GetResult();
                if (n == 0) break;
                total += n;
            }
            return total;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
