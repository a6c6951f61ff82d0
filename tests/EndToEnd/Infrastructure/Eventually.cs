namespace InfoRadio.EndToEnd.Tests.Infrastructure;

/// <summary>Polls a condition of a real system until it holds or a deadline passes; no fixed sleeps.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"'{what}' did not become true within {timeout.TotalSeconds:0.#} s", last);
    }
}
