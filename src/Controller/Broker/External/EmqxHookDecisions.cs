using System.Net;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Enrollment;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Enrollment;
using Microsoft.Extensions.DependencyInjection;

namespace InfoRadio.Controller.Broker.External;

/// <summary>What EMQX asks at CONNECT (its HTTP authenticator's body).</summary>
public sealed record EmqxAuthnRequest(string? Username, string? Password, string? ClientId, string? PeerHost);

/// <summary>What EMQX asks before a publish or subscribe (its HTTP authorizer's body).</summary>
public sealed record EmqxAuthzRequest(string? Username, string? ClientId, string? Topic, string? Action, bool Retain);

/// <summary>
/// The embedded broker's decisions for EMQX's HTTP hooks: the same credential checks (controller password,
/// <see cref="DeviceRegistry.VerifySecret"/>, enrollment tokens, client id = username), the same
/// <see cref="ConnectThrottle"/> lockouts keyed by EMQX's <c>peerhost</c>, and the same <see cref="TopicAccessPolicy"/>.
/// One policy, three brokers.
/// </summary>
public sealed class EmqxHookDecisions(
    DeviceRegistry registry,
    ControllerCredentials credentials,
    TopicAccessPolicy policy,
    ConnectThrottle throttle,
    BrokerCounters counters,
    IServiceProvider services)
{
    private readonly EnrollmentTokens _enrollment = services.GetService<EnrollmentTokens>() ?? EnrollmentTokens.None;

    /// <summary>Allowed, or denied with the reason (for the log; EMQX is only told "deny").</summary>
    public AccessDecision Authenticate(EmqxAuthnRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = request.Username;
        var remote = IPAddress.TryParse(request.PeerHost, out var address) ? new IPEndPoint(address, 0) : null;
        if (user == ControllerCredentials.Username && credentials.Matches(request.Password))
            return SameClientId(request) ?? AccessDecision.Allow("the controller");
        if (throttle.Check(remote, request.ClientId) is { } lockout)
        {
            counters.Throttled();
            return AccessDecision.Deny($"too many failed connections from {lockout.Key}: retry in {Math.Ceiling(lockout.Remaining.TotalSeconds):0} s");
        }
        var decision = Check(request);
        if (decision.Allowed)
        {
            throttle.RecordSuccess(remote, request.ClientId);
            counters.ConnectionAccepted();
            return decision;
        }
        counters.AuthFailed();
        foreach (var _ in throttle.RecordFailure(remote, request.ClientId)) counters.LockoutStarted();
        return decision;
    }

    /// <summary>The topic policy for the identity EMQX authenticated (the hook has no password: authn came first).</summary>
    public AccessDecision Authorize(EmqxAuthzRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (IdentityOf(request.Username, request.ClientId) is not { } who)
            return AccessDecision.Deny($"'{request.Username}' with client id '{request.ClientId}' is no identity of this controller");
        var decision = request.Action switch
        {
            "publish" => policy.CanPublish(who, request.Topic ?? "", request.Retain),
            "subscribe" => policy.CanSubscribe(who, request.Topic ?? ""),
            _ => AccessDecision.Deny($"unknown action '{request.Action}'"),
        };
        if (!decision.Allowed)
        {
            if (request.Action == "subscribe") counters.SubscribeRefused();
            else counters.PublishRefused();
        }
        return decision;
    }

    private AccessDecision Check(EmqxAuthnRequest request)
    {
        var user = request.Username;
        if (user == EnrollmentIds.Username)
        {
            if (!_enrollment.Matches(request.Password))
                return AccessDecision.Deny(_enrollment.IsOpen ? "wrong enrollment token" : "enrollment is closed");
            return EnrollmentIds.SerialOfClientId(request.ClientId) is null
                ? AccessDecision.Deny($"an enrollment client id is '{EnrollmentIds.ClientIdPrefix}' and the serial")
                : AccessDecision.Allow("an enrollment session");
        }
        if (user == ControllerCredentials.Username) return AccessDecision.Deny("wrong controller password");
        if (string.IsNullOrEmpty(user) || !Identifiers.IsValid(user)) return AccessDecision.Deny("username is not a valid device id");
        if (request.Password is null || !registry.VerifySecret(user, request.Password))
            return AccessDecision.Deny(registry.Find(user) is null ? "unknown device" : registry.IsRevoked(user) ? "the device is revoked" : "wrong secret");
        return SameClientId(request) ?? AccessDecision.Allow("a registered device");
    }

    private static AccessDecision? SameClientId(EmqxAuthnRequest request) =>
        string.Equals(request.ClientId, request.Username, StringComparison.Ordinal)
            ? null
            : AccessDecision.Deny($"client id '{request.ClientId}' is not the username '{request.Username}'");

    private ClientIdentity? IdentityOf(string? user, string? clientId)
    {
        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(clientId)) return null;
        if (user == EnrollmentIds.Username)
            return EnrollmentIds.SerialOfClientId(clientId) is { } serial ? ClientIdentity.Enrollment(serial) : null;
        if (!string.Equals(user, clientId, StringComparison.Ordinal)) return null;
        if (user == ControllerCredentials.Username) return ClientIdentity.Controller;
        // A device revoked since it connected loses its rights at once, as with the embedded broker's disconnect.
        return Identifiers.IsValid(user) && registry.Find(user) is not null && !registry.IsRevoked(user) ? ClientIdentity.Device(user) : null;
    }
}
