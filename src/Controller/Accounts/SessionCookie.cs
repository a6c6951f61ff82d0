using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace InfoRadio.Controller.Accounts;

/// <summary>
/// The console's sign-in cookie <c>InfoRadio.Session</c>: HttpOnly, SameSite=Strict, Secure on HTTPS, 8 hours sliding.
/// Every request re-reads the user from <see cref="AccountStore"/> (memory only): a deleted or disabled user, or a
/// security stamp that changed (new password), ends the session at once, and role or area changes apply at once.
/// Each cookie carries its own random session id, so signing out ends that session even for a copy of the cookie
/// (<see cref="SignedOutSessions"/>). Answers 401/403 as problems, never a redirect to a sign-in page.
/// </summary>
public static class SessionCookie
{
    public const string SchemeName = "Session";
    public const string CookieName = "InfoRadio.Session";
    public const string StampClaimType = "inforadio:stamp";
    public const string SessionIdClaimType = "inforadio:sid";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(8);

    private const string EndedKey = "inforadio.session.ended";

    /// <summary>The principal a session cookie carries for <paramref name="user"/> in session <paramref name="sessionId"/>.</summary>
    public static ClaimsPrincipal Principal(UserAccount user, string sessionId)
    {
        var principal = AccountClaims.Principal(user, SchemeName);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(StampClaimType, user.SecurityStamp));
        identity.AddClaim(new Claim(SessionIdClaimType, sessionId));
        return principal;
    }

    /// <summary>The session id of a cookie-authenticated request's user, if any.</summary>
    public static string? SessionId(this ClaimsPrincipal principal) =>
        principal.IsCookieSession() ? principal.FindFirst(SessionIdClaimType)?.Value : null;

    /// <summary>Whether the request's user was signed in by the session cookie (not by a bearer token).</summary>
    public static bool IsCookieSession(this ClaimsPrincipal principal) =>
        principal.Identity is { IsAuthenticated: true, AuthenticationType: SchemeName };

    public static Task SignInAsync(HttpContext http, UserAccount user) =>
        http.SignInAsync(SchemeName, Principal(user, Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });

    /// <summary>Ends the request's cookie session: the cookie is deleted and its session id can never be used again.</summary>
    public static async Task SignOutAsync(HttpContext http)
    {
        if (http.User.SessionId() is { } sessionId) http.RequestServices.GetRequiredService<SignedOutSessions>().SignOut(sessionId);
        await http.SignOutAsync(SchemeName);
    }

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Cookie.Path = "/";
        options.ExpireTimeSpan = IdleTimeout;
        options.SlidingExpiration = true;
        options.Events = new CookieAuthenticationEvents
        {
            OnValidatePrincipal = ValidateAsync,
            OnRedirectToLogin = context => AuthProblems.WriteUnauthorizedAsync(context.HttpContext,
                context.HttpContext.Items[EndedKey] as string ?? AuthProblems.Unauthenticated(
                    context.HttpContext.WebSockets.IsWebSocketRequest && BearerTokenHandler.QueryTokenRoutes.Contains(context.Request.Path))),
            OnRedirectToAccessDenied = context => AuthProblems.WriteForbiddenAsync(context.HttpContext, AuthProblems.Forbidden(context.HttpContext)),
            OnRedirectToLogout = context => { context.Response.StatusCode = StatusCodes.Status204NoContent; return Task.CompletedTask; },
            OnRedirectToReturnUrl = context => Task.CompletedTask,
        };
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var store = services.GetRequiredService<AccountStore>();
        var name = context.Principal?.Identity?.Name;
        var stamp = context.Principal?.FindFirst(StampClaimType)?.Value;
        var sessionId = context.Principal?.FindFirst(SessionIdClaimType)?.Value;
        var user = name is null ? null : store.Find(name);
        string? ended = user switch
        {
            _ when sessionId is null || services.GetRequiredService<SignedOutSessions>().IsSignedOut(sessionId) =>
                "your session ended: it was signed out; sign in again",
            null => "your session ended: the account no longer exists",
            { Disabled: true } => "your session ended: the account is disabled",
            _ when stamp != user.SecurityStamp => "your session ended: the password was changed; sign in again",
            _ => null,
        };
        if (ended is not null)
        {
            context.HttpContext.Items[EndedKey] = ended;
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SchemeName);
            return;
        }
        context.ReplacePrincipal(Principal(user!, sessionId!));
    }
}
