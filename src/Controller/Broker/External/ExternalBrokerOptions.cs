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

    /// <summary>
    /// How long the external broker keeps the controller's MQTT session after its link drops (0: not at all). Within it
    /// the broker holds the QoS 1 messages devices send meanwhile (their events, their state) and hands them over when
    /// the controller is back: a device removes an event from its journal once the broker acknowledged it, so without
    /// this an event sent while the controller restarts would be lost. The broker's per-client queue bounds what is
    /// held (mosquitto <c>max_queued_messages</c>, EMQX <c>mqueue.max_len</c>).
    /// </summary>
    public int ControllerSessionExpirySeconds { get; set; } = 86_400;

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
        if (ControllerSessionExpirySeconds < 0) return "Broker:External:ControllerSessionExpirySeconds must not be negative (0: no session kept)";
        if (IsEmqxHttp && (HookSecret is null || HookSecret.Length < 16))
            return "Broker:External:Kind=emqx-http needs Broker:External:HookSecret of at least 16 characters";
        return null;
    }
}
