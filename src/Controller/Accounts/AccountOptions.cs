namespace InfoRadio.Controller.Accounts;

/// <summary>Section "Accounts": users seeded (created or updated) at start-up, each with one API token.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    public List<ConfiguredUser> Users { get; set; } = [];

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
            if (u.Token is null || u.Token.Length < ApiTokens.MinLength) return $"{at}:Token: at least {ApiTokens.MinLength} characters are needed";
            if (u.Token.Any(c => c <= ' ' || c > '~')) return $"{at}:Token: only printable ASCII without spaces";
            if (u.Areas.FirstOrDefault(a => string.IsNullOrWhiteSpace(a) || a.Length > 32) is { } area) return $"{at}:Areas: '{area}' is not an administrative area code";
        }
        return null;
    }
}

public sealed class ConfiguredUser
{
    public string? Name { get; set; }
    public List<string> Roles { get; set; } = [];
    public string? Token { get; set; }

    /// <summary>Administrative area codes the user is limited to (e.g. a commune's code); empty for the whole system.</summary>
    public List<string> Areas { get; set; } = [];
}
