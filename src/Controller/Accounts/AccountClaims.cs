using System.Security.Claims;

namespace InfoRadio.Controller.Accounts;

/// <summary>Reads the signed-in user from a request's principal, as the authentication handlers built it.</summary>
public static class AccountClaims
{
    /// <summary>One claim per administrative area code the user is limited to; none means the whole system.</summary>
    public const string AreaClaimType = "inforadio:area";

    public static string UserName(this ClaimsPrincipal principal) =>
        principal.Identity?.Name ?? throw new InvalidOperationException("the endpoint requires authorization but no user is signed in");

    /// <summary>The area codes the signed-in user is limited to; empty when the user may act everywhere.</summary>
    public static IReadOnlyList<string> AreaCodes(this ClaimsPrincipal principal) =>
        principal.FindAll(AreaClaimType).Select(c => c.Value).ToArray();

    public static ClaimsPrincipal Principal(UserAccount user, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, user.Name) };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(user.Areas.Select(a => new Claim(AreaClaimType, a)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
