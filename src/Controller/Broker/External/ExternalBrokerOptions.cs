namespace InfoRadio.Controller.Broker.External;

/// <summary>
/// What the controller manages on an external broker (<c>Broker:Embedded=false</c>). Bound from <c>Broker:External</c>.
/// </summary>
public sealed class ExternalBrokerOptions
{
    /// <summary>No management: the broker's accounts and ACLs are someone else's job (anonymous test brokers).</summary>
    public const string KindNone = "none";

    /// <summary>mosquitto 2 with the dynamic-security plugin, managed through <c>$CONTROL/dynamic-security/v1</c>.</summary>
    public const string KindMosquittoDynsec = "mosquitto-dynsec";

    /// <summary>EMQX 5 (or any broker with HTTP hooks of the same shape) asking the controller's hook endpoints.</summary>
    public const string KindEmqxHttp = "emqx-http";

    public string Kind { get; set; } = KindNone;

    /// <summary>The dynsec admin user (created by <c>mosquitto_ctrl dynsec init</c>).</summary>
    public string AdminUsername { get; set; } = "inforadio-admin";

    public string? AdminPassword { get; set; }

    /// <summary>Shared secret EMQX sends in the <c>X-InfoRadio-Hook-Secret</c> header of every hook call.</summary>
    public string? HookSecret { get; set; }

    public bool IsMosquittoDynsec => string.Equals(Kind, KindMosquittoDynsec, StringComparison.OrdinalIgnoreCase);

    public bool IsEmqxHttp => string.Equals(Kind, KindEmqxHttp, StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when valid, else why not.</summary>
    public string? Validate(bool embedded)
    {
        if (!IsMosquittoDynsec && !IsEmqxHttp && !string.Equals(Kind, KindNone, StringComparison.OrdinalIgnoreCase))
            return $"Broker:External:Kind must be '{KindNone}', '{KindMosquittoDynsec}' or '{KindEmqxHttp}', not '{Kind}'";
        if (embedded && !string.Equals(Kind, KindNone, StringComparison.OrdinalIgnoreCase))
            return "Broker:External:Kind needs Broker:Embedded=false";
        if (IsMosquittoDynsec && (string.IsNullOrWhiteSpace(AdminUsername) || string.IsNullOrEmpty(AdminPassword)))
            return "Broker:External:Kind=mosquitto-dynsec needs Broker:External:AdminUsername and AdminPassword";
        if (IsEmqxHttp && (HookSecret is null || HookSecret.Length < 16))
            return "Broker:External:Kind=emqx-http needs Broker:External:HookSecret of at least 16 characters";
        return null;
    }
}
