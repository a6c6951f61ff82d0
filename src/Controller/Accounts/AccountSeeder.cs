using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Accounts;

/// <summary>Creates or updates the users of "Accounts:Users" when the controller starts.</summary>
public sealed class AccountSeeder(AccountStore store, IOptions<AccountOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var user in options.Value.Users) store.Seed(user.Name!, user.Roles, user.Token!);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
