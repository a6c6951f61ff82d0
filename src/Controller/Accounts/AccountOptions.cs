using InfoRadio.Controller.Security;

namespace InfoRadio.Controller.Accounts;

/// <summary>
/// Section "Accounts": users seeded (created or updated) at start-up, each with a password, an API token or both;
/// and the per-account lockout after repeated wrong passwords (<c>Accounts:Lockout</c>).
/// </summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    public List<ConfiguredUser> Users { get; set; } = [];

    /// <summary>Wrong passwords per account name before it is locked: by default 5 within 15 minutes lock it for 15 minutes.</summary>
    public FailureLimitOptions Lockout { get; set; } = new() { MaxFailures = 5, WindowSeconds = 900, LockoutSeconds = 900, MaxLockoutSeconds = 900 };

    /// <summary>Null when every configured user is usable, else what is wrong.</summary>
    public string? Validate()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Users.Count; i++)
        {
            var u = Users[i];
            var at = $"Accounts:Users:{i}";
            if (AccountStore.CheckName(u.Name) is { } name) return $"{at}:Name: {name}";
            if (!names.Add(u.Name!)) return $"{at}:Name: '{u.Name}' appears twice";
            if (u.Roles.Count == 0) return $"{at}:Roles: at least one role is needed ({string.Join(", ", AccountRoles.All)})";
            if (u.Roles.FirstOrDefault(r => !AccountRoles.IsKnown(r)) is { } role) return $"{at}:Roles: unknown role '{role}' (known: {string.Join(", ", AccountRoles.All)})";
            if (u.Token is null && u.Password is null) return $"{at}: give a Password, a Token or both";
            if (u.Token is not null && u.Token.Length < ApiTokens.MinLength) return $"{at}:Token: at least {ApiTokens.MinLength} characters are needed";
            if (u.Token is not null && u.Token.Any(c => c <= ' ' || c > '~')) return $"{at}:Token: only printable ASCII without spaces";
            if (u.Password is not null && PasswordPolicy.Check(u.Name!, u.Password) is { } weak) return $"{at}:Password: {weak}";
            if (u.Areas.FirstOrDefault(a => string.IsNullOrWhiteSpace(a) || a.Length > 32) is { } area) return $"{at}:Areas: '{area}' is not an administrative area code";
        }
        return Lockout.Validate(Section + ":Lockout");
    }
}

public sealed class ConfiguredUser
{
    public string? Name { get; set; }
    public List<string> Roles { get; set; } = [];
    public string? Token { get; set; }

    /// <summary>An initial password: set at the first start and whenever it changes here; the user may change it meanwhile.</summary>
    public string? Password { get; set; }

    /// <summary>Administrative area codes the user is limited to (e.g. a commune's code); empty for the whole system.</summary>
    public List<string> Areas { get; set; } = [];
}
