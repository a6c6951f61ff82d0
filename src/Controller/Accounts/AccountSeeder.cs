using InfoRadio.Controller.Demo;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Accounts;

/// <summary>
/// Makes the configured users those of "Accounts:Users" (plus the demo users with <c>--demo</c>) when the controller
/// starts: each is created or updated, and any other configured user is removed, so a user taken out of the
/// configuration, or a demo user after the demo, can no longer sign in. Users created through the API stay.
/// </summary>
public sealed partial class AccountSeeder(AccountStore store, IOptions<AccountOptions> options, IOptions<DemoOptions> demo, ILogger<AccountSeeder> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        foreach (var user in options.Value.Users)
        {
            store.Seed(user.Name!, user.Roles, user.Token, user.Areas, user.Password);
            names.Add(user.Name!);
        }
        if (demo.Value.Enabled)
        {
            foreach (var (name, role, token, areas) in DemoUsers.All.Where(d => !names.Contains(d.Name, StringComparer.OrdinalIgnoreCase)))
            {
                store.Seed(name, [role], token, areas, password: DemoUsers.Password);
                names.Add(name);
                LogDemoUser(name, role, token);
            }
        }
        store.RemoveAllExcept(names);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1503, Level = LogLevel.Information, Message = "Demo user {Name} ({Role}): password " + DemoUsers.Password + ", or Authorization: Bearer {Token}")]
    private partial void LogDemoUser(string name, string role, string token);
}
