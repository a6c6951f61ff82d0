using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Security;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Hosting;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>
    /// Users and API tokens (<see cref="AccountStore"/>, seeded from "Accounts:Users" at start-up), the bearer-token
    /// authentication scheme and the role policies of <see cref="AccountPolicies"/>.
    /// </summary>
    public static IServiceCollection AddInfoRadioAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountOptions>()
            .Bind(configuration.GetSection(AccountOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountOptions>, AccountOptionsValidator>();
        services.AddSingleton<AccountStore>();
        services.AddOptions<HttpAuthLimitOptions>()
            .Bind(configuration.GetSection(HttpAuthLimitOptions.Section))
            .Validate(o => o.PerAddress.Validate(HttpAuthLimitOptions.Section + ":PerAddress") is null, "Http:AuthLimit:PerAddress is invalid")
            .ValidateOnStart();
        services.AddSingleton<HttpAuthLimiter>();
        services.AddHostedService<AccountSeeder>();
        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorization(AccountPolicies.Configure);
        return services;
    }

    private sealed class AccountOptionsValidator : IValidateOptions<AccountOptions>
    {
        public ValidateOptionsResult Validate(string? name, AccountOptions options) =>
            options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
