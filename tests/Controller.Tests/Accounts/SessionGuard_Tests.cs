using System.Security.Claims;
using InfoRadio.Controller.Accounts;
using Microsoft.AspNetCore.Http;

namespace InfoRadio.Controller.Tests.Accounts;

public sealed class SessionGuard_Tests
{
    private static HttpContext Request(string method, string? csrf = null, string host = "radio.example:8080")
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Host = new HostString(host);
        if (csrf is not null) http.Request.Headers[SessionGuard.CsrfHeader] = csrf;
        http.User = SessionCookie.Principal(new UserAccount("lan", ["broadcaster"]) { SecurityStamp = "s" }, "test-session");
        return http;
    }

    [Theory]
    [InlineData("GET", null, null)]
    [InlineData("HEAD", null, null)]
    [InlineData("POST", null, "csrf")]
    [InlineData("PUT", "XMLHttpRequest", "csrf")]
    [InlineData("DELETE", "inforadio", "csrf")]
    [InlineData("PATCH", "InfoRadio", null)]
    [InlineData("POST", "InfoRadio", null)]
    public void Unsafe_methods_need_the_exact_header(string method, string? header, string? refused) =>
        Assert.Equal(refused, SessionGuard.Refusal(Request(method, header))?.Reason);

    [Theory]
    [InlineData("http://radio.example:8080", null)]
    [InlineData("https://RADIO.example:8080", null)]
    [InlineData("http://radio.example", "websocket-origin")]
    [InlineData("http://evil.example:8080", "websocket-origin")]
    [InlineData("", "websocket-origin")]
    [InlineData("null", "websocket-origin")]
    public void A_websocket_upgrade_needs_an_origin_of_this_host(string origin, string? refused)
    {
        var http = Request("GET");
        http.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpWebSocketFeature>(new Upgrade());
        if (origin.Length > 0) http.Request.Headers.Origin = origin;
        Assert.Equal(refused, SessionGuard.Refusal(http)?.Reason);
    }

    private sealed class Upgrade : Microsoft.AspNetCore.Http.Features.IHttpWebSocketFeature
    {
        public bool IsWebSocketRequest => true;
        public Task<System.Net.WebSockets.WebSocket> AcceptAsync(WebSocketAcceptContext context) => throw new NotSupportedException();
    }

    [Fact]
    public void The_session_principal_is_recognised_as_a_cookie_session_and_a_bearer_one_is_not()
    {
        Assert.True(Request("GET").User.IsCookieSession());
        Assert.False(AccountClaims.Principal(new UserAccount("lan", ["viewer"]), BearerTokenHandler.SchemeName).IsCookieSession());
        Assert.False(new ClaimsPrincipal(new ClaimsIdentity()).IsCookieSession());
        Assert.Equal("s", Request("GET").User.FindFirst(SessionCookie.StampClaimType)!.Value);
    }
}
