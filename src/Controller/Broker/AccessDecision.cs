namespace InfoRadio.Controller.Broker;

/// <summary>An ACL verdict with the reason, which is logged for every refusal.</summary>
public readonly record struct AccessDecision(bool Allowed, string Reason)
{
    public static AccessDecision Allow(string reason) => new(true, reason);
    public static AccessDecision Deny(string reason) => new(false, reason);
}
