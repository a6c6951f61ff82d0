namespace InfoRadio.Controller.Broker;

/// <summary>The MQTT broker the controller runs or uses. Bound from the <c>Broker</c> configuration section.</summary>
public sealed class BrokerOptions
{
    public const string Section = "Broker";

    /// <summary>Run the embedded MQTTnet broker; false means an external broker at <see cref="Host"/>:<see cref="Port"/>.</summary>
    public bool Embedded { get; set; } = true;

    /// <summary>Where the controller's own MQTT link connects.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port the embedded broker listens on (all interfaces) and the controller connects to.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>
    /// Pending TCP connections the OS queues before accepting. MQTTnet's default of 100 refuses part of a
    /// reconnect storm when a commune's or province's devices all come back at once.
    /// </summary>
    public int Backlog { get; set; } = 2000;

    /// <summary>
    /// Messages queued per client before the oldest are dropped. At 10 audio messages per second this is 100 s
    /// of audio, far more than any device could still play in time, so it bounds memory for a stalled client
    /// without losing anything useful. The controller's own client reads its socket into its own queue, so it
    /// never needs a deeper one.
    /// </summary>
    public int MaxPendingMessagesPerClient { get; set; } = 1000;

    /// <summary>Also listen on IPv6 (all interfaces). Turn off on hosts without IPv6, where binding it fails.</summary>
    public bool ListenIPv6 { get; set; } = true;

    /// <summary>How long a new TCP connection may take to send CONNECT (MQTTnet's default is 100 s).</summary>
    public int ConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>Password of the controller's MQTT user; empty means a random one per process (embedded broker only).</summary>
    public string? ControllerPassword { get; set; }

    /// <summary>Keep-alive of the controller's own link, seconds.</summary>
    public int KeepAliveSeconds { get; set; } = 15;

    /// <summary>
    /// Largest payload a device may publish. MQTTnet 5.2's broker has no inbound packet size limit of its own, so
    /// a device publishing more is refused, counted and disconnected. Devices only send JSON, which the protocol
    /// caps at 16 KiB (the controller's parser drops anything longer); this outer limit keeps far larger payloads
    /// from being forwarded at all, with room left so the parser's own check stays the one that normally speaks.
    /// </summary>
    public int MaxDevicePublishBytes { get; set; } = 4 * InfoRadio.Protocol.ProtocolVersion.MaxJsonBytes;

    /// <summary>
    /// PBKDF2 checks of device secrets run at once, on threads of their own (a secret verified before is not checked
    /// again); 0: one per processor. Off the thread pool, the rest of the box keeps serving while thousands of speakers
    /// reconnect.
    /// </summary>
    public int SecretChecksAtOnce { get; set; }

    /// <summary>Lockouts after failed CONNECTs (see <see cref="BrokerAuthLimitOptions"/>).</summary>
    public BrokerAuthLimitOptions AuthLimit { get; set; } = new();

    /// <summary>What the controller manages on an external broker (see <see cref="External.ExternalBrokerOptions"/>).</summary>
    public External.ExternalBrokerOptions External { get; set; } = new();

    /// <summary>MQTT over TLS (see <see cref="BrokerTlsOptions"/>).</summary>
    public BrokerTlsOptions Tls { get; set; } = new();
}
