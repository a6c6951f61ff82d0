using System.Security.Claims;

namespace InfoRadio.Controller.Accounts;

/// <summary>Reads the signed-in user from a request's principal, as <see cref="BearerTokenHandler"/> built it.</summary>
public static class AccountClaims
{
    public static string UserName(this ClaimsPrincipal principal) =>
        principal.Identity?.Name ?? throw new InvalidOperationException("the endpoint requires authorization but no user is signed in");

    public static ClaimsPrincipal Principal(UserAccount user, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, user.Name) };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
