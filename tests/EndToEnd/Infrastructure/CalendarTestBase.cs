namespace InfoRadio.EndToEnd.Tests.Infrastructure;

/// <summary>A controller with the calendar test users (<see cref="CalendarUsers"/>) in a temp folder, per test.</summary>
public abstract class CalendarTestBase : IAsyncLifetime
{
    protected TempDirectory Temp { get; } = new();

    protected RunningController Controller { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Controller = await CalendarUsers.StartAsync(Temp.Sub("data"));
        await SeedAsync();
    }

    /// <summary>What every test of the class starts from.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    /// <summary>Stops the controller and starts a new one on the same data folder: with the test users, or with <paramref name="args"/> when given.</summary>
    protected async Task RestartAsync(params string[] args)
    {
        var dataDir = Controller.DataDir;
        await Controller.DisposeAsync();
        Controller = args.Length == 0 ? await CalendarUsers.StartAsync(dataDir) : await RunningController.StartAsync(dataDir, null, args);
    }

    public async Task DisposeAsync()
    {
        await Controller.DisposeAsync();
        Temp.Dispose();
    }
}
