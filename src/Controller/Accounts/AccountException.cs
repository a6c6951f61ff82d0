namespace InfoRadio.Controller.Accounts;

public enum AccountError
{
    /// <summary>The request itself is wrong (a bad name, role, area or a weak password): 400.</summary>
    Invalid,

    /// <summary>No such user: 404.</summary>
    NotFound,

    /// <summary>The change clashes with the current state (the name is taken, the user is configured): 409.</summary>
    Conflict,
}

/// <summary>A change to the users that <see cref="AccountStore"/> refused, with a sentence for the caller.</summary>
public sealed class AccountException(AccountError error, string message) : Exception(message)
{
    public AccountError Error { get; } = error;
}
