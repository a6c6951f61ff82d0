namespace InfoRadio.Controller.Broker.External;

/// <summary>One ACL of a mosquitto dynamic-security role (<c>acltype</c>, <c>topic</c>, <c>priority</c>, <c>allow</c>).</summary>
public readonly record struct DynsecAcl(string Type, string Topic, bool Allow, int Priority = 0)
{
    public const string PublishClientSend = "publishClientSend";
    public const string PublishClientReceive = "publishClientReceive";
    public const string SubscribeLiteral = "subscribeLiteral";
    public const string SubscribePattern = "subscribePattern";
}

/// <summary>A dynsec role: its name and ACLs.</summary>
public sealed record DynsecRole(string Name, IReadOnlyList<DynsecAcl> Acls);
