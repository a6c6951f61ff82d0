namespace InfoRadio.Controller.Audit;

/// <summary>
/// One action a person (or a machine account) took on the fleet: who, what, on which object, and whether it
/// worked. Kept forever in the LiteDB collection <c>audit</c>; never updated.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The signed-in user's name, or <c>system</c> for the controller's own actions.</summary>
    public string Actor { get; set; } = "";
    /// <summary>A dotted verb, e.g. <c>device.approve</c>, <c>device.revoke</c>, <c>device.command</c>.</summary>
    public string Action { get; set; } = "";
    /// <summary>What the action was on: a device id, a serial, a zone id…</summary>
    public string Target { get; set; } = "";
    /// <summary>True when the action took effect; refused attempts are audited too.</summary>
    public bool Succeeded { get; set; }
    /// <summary>Free text for a human: the parameters, or why it was refused. Never a secret.</summary>
    public string? Detail { get; set; }
}
