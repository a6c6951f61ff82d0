namespace InfoRadio.DeviceAgent.Tests.Support;

/// <summary>Polls a condition with a deadline, for tests over real networking (no fixed sleeps).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }

    public static async Task<T> ValueAsync<T>(Func<T?> probe, string what, TimeSpan? timeout = null) where T : class
    {
        T? value = null;
        await TrueAsync(() => (value = probe()) is not null, what, timeout);
        return value!;
    }
}
