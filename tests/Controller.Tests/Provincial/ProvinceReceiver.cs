using System.Collections.Concurrent;
using InfoRadio.Controller.Provincial;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Provincial;

/// <summary>
/// A province's receiver on real loopback HTTP (Kestrel) that can be told to fail, to hang after storing, to go away
/// and to come back on the same port. Like a real receiver it keeps one message per Idempotency-Key.
/// </summary>
public sealed class ProvinceReceiver : IAsyncDisposable
{
    public enum Mode { Ok, Fail500, StoreThenHang }

    public sealed record Attempt(string? Key, string? Kind, string? Authorization, string Body, DateTimeOffset At, Mode Mode);

    private readonly TimeProvider _clock;
    private WebApplication? _app;

    public ProvinceReceiver(TimeProvider clock)
    {
        _clock = clock;
        Port = FreePort.Next();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/inbox";

    public volatile Mode Current = Mode.Ok;

    public ConcurrentQueue<Attempt> Attempts { get; } = new();

    /// <summary>What the receiver kept, by key: the first body it stored under each.</summary>
    public ConcurrentDictionary<string, string> Stored { get; } = new(StringComparer.Ordinal);

    public int HungAndAborted;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        _app = builder.Build();
        _app.MapPost("/inbox", (Delegate)HandleAsync);
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var key = http.Request.Headers[ProvincialSender.IdempotencyHeader].ToString();
        var mode = Current;
        Attempts.Enqueue(new Attempt(key, http.Request.Headers[ProvincialSender.KindHeader].ToString(),
            http.Request.Headers.Authorization.ToString(), body, _clock.GetUtcNow(), mode));
        if (mode == Mode.Fail500) return Results.StatusCode(500);
        Stored.TryAdd(key, body);
        if (mode == Mode.StoreThenHang)
        {
            // Stored, but the answer never leaves: the sender cannot know, and must send it again under the same key.
            try { await Task.Delay(Timeout.Infinite, http.RequestAborted); }
            catch (OperationCanceledException) { Interlocked.Increment(ref HungAndAborted); }
            return Results.StatusCode(504);
        }
        return Results.Ok();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

/// <summary>Moves a fake clock on in small steps while real I/O happens, until a condition holds.</summary>
public static class FakeClock
{
    public static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition, string what, TimeSpan? step = null, TimeSpan? realTimeout = null)
    {
        var deadline = DateTime.UtcNow + (realTimeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting until {what}");
            time.Advance(step ?? TimeSpan.FromMilliseconds(500));
            await Task.Delay(15);
        }
    }
}
