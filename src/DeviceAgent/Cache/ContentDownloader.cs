using System.Net;
using System.Net.Http.Headers;
using System.Text;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Cache;

/// <summary>How one download ended.</summary>
public enum DownloadOutcome
{
    /// <summary>Verified and in the cache.</summary>
    Cached,
    /// <summary>The bytes did not hash to the name: deleted, the next attempt starts from zero.</summary>
    ChecksumMismatch,
    /// <summary>The transfer failed (link, HTTP status): what arrived is kept and the next attempt resumes it.</summary>
    TransferFailed,
    /// <summary>The file does not fit the cache (size limit or full disk): not retried until the plan changes.</summary>
    NoSpace,
}

/// <summary>
/// Fetches one content file into the cache: <c>GET {contentUrl}{sha256}</c> with HTTP Basic authentication, into
/// <c>{sha256}.part</c>, resuming with <c>Range: bytes=N-</c> what an earlier attempt left (a <c>200</c> to a range
/// request means the server sent everything again: the part is restarted), then verified and renamed into place.
/// </summary>
public sealed class ContentDownloader(HttpClient http, ContentCache cache)
{
    /// <summary>Bytes last read from the network in the current/last attempt (for logs and tests).</summary>
    public long LastResumedFrom { get; private set; }

    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<(DownloadOutcome Outcome, string Detail)> DownloadAsync(string contentUrl, PlanContent content,
        string deviceId, string secret, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(cache.Directory);
        var part = cache.PartPath(content.Sha256);
        long have = File.Exists(part) ? new FileInfo(part).Length : 0;
        if (have > content.Bytes)
        {
            File.Delete(part);
            have = 0;
        }
        var used = cache.UsedBytes(except: content.Sha256);
        if (used + content.Bytes > cache.MaxBytes)
            return (DownloadOutcome.NoSpace, $"cache limit: {content.Bytes} bytes do not fit ({used} of {cache.MaxBytes} used)");
        LastResumedFrom = have;
        try
        {
            if (have < content.Bytes)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(contentUrl + content.Sha256));
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes(deviceId + ":" + secret)));
                if (have > 0) request.Headers.Range = new RangeHeaderValue(have, null);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
                {
                    File.Delete(part);
                    return (DownloadOutcome.TransferFailed, "416: the partial file was longer than the content; restarting");
                }
                if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.PartialContent))
                    return (DownloadOutcome.TransferFailed, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                var append = response.StatusCode == HttpStatusCode.PartialContent && have > 0
                    && response.Content.Headers.ContentRange is { From: { } from } && from == have;
                if (!append) have = 0;
                var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    var file = new FileStream(part, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                    await using (file.ConfigureAwait(false))
                    {
                        var buffer = new byte[1 << 16];
                        int n;
                        while ((n = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                        {
                            if (have + n > content.Bytes)
                            {
                                // More than the plan announced: this cannot be the content; start over.
                                await file.DisposeAsync().ConfigureAwait(false);
                                File.Delete(part);
                                return (DownloadOutcome.ChecksumMismatch, $"server sent more than {content.Bytes} bytes");
                            }
                            await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                            have += n;
                        }
                    }
                }
                if (have < content.Bytes) return (DownloadOutcome.TransferFailed, $"transfer ended after {have} of {content.Bytes} bytes");
            }
            return cache.Commit(content.Sha256)
                ? (DownloadOutcome.Cached, $"{content.Bytes} bytes verified")
                : (DownloadOutcome.ChecksumMismatch, "SHA-256 of the received bytes differs from the name; deleted");
        }
        catch (HttpRequestException ex)
        {
            return (DownloadOutcome.TransferFailed, ex.Message);
        }
        catch (IOException ex) when (IsDiskFull(ex))
        {
            // The event queue shares this disk: give the space back rather than keep half a file.
            TryDelete(part);
            return (DownloadOutcome.NoSpace, "disk full: " + ex.Message);
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A connection reset surfaces as an IOException from the body stream.
            return (DownloadOutcome.TransferFailed, ex.Message);
        }
    }

    /// <summary>ENOSPC (28) or EDQUOT (122) on Linux, ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.</summary>
    public static bool IsDiskFull(IOException ex) => (ex.HResult & 0xFFFF) is 28 or 122 or 39 or 112;

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
