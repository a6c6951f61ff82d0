using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Security;
using InfoRadio.Controller.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Hosting;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>The default scheme: a bearer token when the request brings one, else the session cookie.</summary>
    public const string PolicySchemeName = "InfoRadio";

    /// <summary>
    /// Users, passwords and API tokens (<see cref="AccountStore"/>, seeded from "Accounts:Users" at start-up), the
    /// per-account lockout, the bearer-token and session-cookie schemes behind one policy scheme, and the role policies
    /// of <see cref="AccountPolicies"/>. The cookie's keys live in the data directory, so sessions survive a restart.
    /// </summary>
    public static IServiceCollection AddInfoRadioAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountOptions>()
            .Bind(configuration.GetSection(AccountOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountOptions>, AccountOptionsValidator>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<AccountLockout>();
        services.AddSingleton<SignedOutSessions>();
        services.AddOptions<HttpAuthLimitOptions>()
            .Bind(configuration.GetSection(HttpAuthLimitOptions.Section))
            .Validate(o => o.PerAddress.Validate(HttpAuthLimitOptions.Section + ":PerAddress") is null, "Http:AuthLimit:PerAddress is invalid")
            .ValidateOnStart();
        services.AddSingleton<HttpAuthLimiter>();
        services.AddHostedService<AccountSeeder>();

        var dataDir = configuration[StorageOptions.Section + ":DataDir"] ?? new StorageOptions().DataDir;
        services.AddDataProtection()
            .SetApplicationName("InfoRadio")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDir, "keys")));
        services.AddAuthentication(PolicySchemeName)
            .AddPolicyScheme(PolicySchemeName, "Bearer token or session cookie", o =>
                o.ForwardDefaultSelector = http => BearerTokenHandler.BringsToken(http) ? BearerTokenHandler.SchemeName : SessionCookie.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddCookie(SessionCookie.SchemeName, SessionCookie.Configure);
        services.AddAuthorization(AccountPolicies.Configure);
        return services;
    }

    private sealed class AccountOptionsValidator : IValidateOptions<AccountOptions>
    {
        public ValidateOptionsResult Validate(string? name, AccountOptions options) =>
            options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
