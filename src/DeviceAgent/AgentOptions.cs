using System.Reflection;
using InfoRadio.DeviceAgent.Board;
using InfoRadio.DeviceAgent.Amplifier;
using InfoRadio.DeviceAgent.Link;
using InfoRadio.DeviceAgent.Link.Journal;

namespace InfoRadio.DeviceAgent;

/// <summary>Settings of one speaker agent, bound from the configuration section <c>Agent</c>.</summary>
public sealed class AgentOptions
{
    public const string SectionName = "Agent";

    /// <summary>Sink names accepted by <see cref="Sink"/>.</summary>
    public static readonly IReadOnlyList<string> SinkNames = ["alsa", "wav", "null"];

    public string ControllerHost { get; set; } = "127.0.0.1";
    public int ControllerPort { get; set; } = 1883;

    /// <summary>MQTT over TLS and whom to trust (see <see cref="AgentTlsOptions"/>); set ControllerPort to the TLS port.</summary>
    public AgentTlsOptions Tls { get; set; } = new();

    /// <summary>Device id: MQTT client id and user name at once (see the protocol's identifier rules).</summary>
    public string DeviceId { get; set; } = "";

    /// <summary>Per-device MQTT password issued by the controller.</summary>
    public string Secret { get; set; } = "";

    /// <summary>
    /// The serial printed on the box. With <see cref="EnrollmentToken"/> and no <see cref="DeviceId"/>/<see cref="Secret"/>
    /// the agent enrolls itself: it asks the controller over MQTT, and a technician approves it.
    /// </summary>
    public string Serial { get; set; } = "";

    /// <summary>The enrollment token of the installation (the same for every new box); only used to enroll.</summary>
    public string EnrollmentToken { get; set; } = "";

    /// <summary>The 4G modem's IMEI, sent with the enrollment request when known.</summary>
    public string? Imei { get; set; }

    /// <summary>
    /// Folder of what the agent keeps across restarts (files readable by the agent's user only): its enrollment key,
    /// the credentials it was given, and the last configuration the controller pushed (<c>config.json</c>), so a
    /// reboot without a link keeps the settings.
    /// </summary>
    public string StateDirectory { get; set; } = "./agent-state";

    /// <summary>Bounds of the durable event queue kept in <see cref="StateDirectory"/> (section <c>Agent:EventQueue</c>).</summary>
    public EventQueueOptions EventQueue { get; set; } = new();

    /// <summary>How often an enrolling box repeats its request while it waits for a technician.</summary>
    public int EnrollmentRetrySeconds { get; set; } = 30;

    /// <summary>
    /// Zones the device belongs to. Zone <c>all</c> is always followed, whether listed or not, so that a
    /// configuration binder appending to this default never changes the outcome.
    /// </summary>
    public string[] Zones { get; set; } = ["all"];

    /// <summary><c>alsa</c> (pipe to aplay), <c>wav</c> (one file per session) or <c>null</c> (discard).</summary>
    public string Sink { get; set; } = "alsa";

    public string WavDirectory { get; set; } = "./agent-output";
    public string AlsaDevice { get; set; } = "default";

    /// <summary>Buffer aplay is asked to keep; the playout writes this much ahead so samples still sound on time.</summary>
    public int AlsaBufferMs { get; set; } = 200;

    public int TelemetryIntervalSeconds { get; set; } = 30;
    /// <summary>Clock requests once the drift is known and nothing plays (see the protocol's section 12).</summary>
    public int ClockSyncIntervalSeconds { get; set; } = 10;

    /// <summary>Clock requests until the drift is known and, with <see cref="ClockSyncFastWhilePlaying"/>, while a session plays.</summary>
    public int ClockSyncFastIntervalMs { get; set; } = 2_000;

    /// <summary>Keep the fast pace while a session plays: the neighbours' speakers stay closer in step.</summary>
    public bool ClockSyncFastWhilePlaying { get; set; } = true;

    /// <summary>
    /// A restarted agent takes the controller-clock model it saved in <see cref="StateDirectory"/> until its first clock
    /// sample, if saved at most this long ago on a device clock that kept time (0: never), so that a cached plan still
    /// plays on time when it restarts during an outage.
    /// </summary>
    public int SavedClockMaxAgeHours { get; set; } = 72;
    public int ReconnectMinDelayMs { get; set; } = 500;
    public int ReconnectMaxDelayMs { get; set; } = 30_000;
    public int KeepAliveSeconds { get; set; } = 15;

    public string Firmware { get; set; } = DefaultFirmware();

    /// <summary>Where telemetry's hardware readings come from (section <c>Agent:Board</c>).</summary>
    public BoardOptions Board { get; set; } = new();

    /// <summary>After this many consecutive missing frames the playout writes silence instead of concealment.</summary>
    public int MaxConcealedFrames { get; set; } = 10;

    /// <summary>Device volume 0–100 at start; set-volume commands change it while the agent runs.</summary>
    public int Volume { get; set; } = 100;

    /// <summary>Volume of emergency sessions until the controller pushes a configuration; null: the session's own.</summary>
    public int? EmergencyVolume { get; set; }

    /// <summary>The offline content cache (section <c>Agent:Cache</c>).</summary>
    public Cache.CacheOptions Cache { get; set; } = new();

    /// <summary>The amplifier relays (section <c>Agent:Relays</c>).</summary>
    public RelayOptions Relays { get; set; } = new();

    /// <summary>
    /// Decodes with native libopus (Debian: libopus0) through Concentus instead of its managed port: several times
    /// cheaper on a small box. Off by default so that every box decodes with the same code whatever is installed;
    /// when on but no libopus loads, the agent logs a warning at start and decodes managed.
    /// </summary>
    public bool UseNativeOpus { get; set; }

    /// <summary>
    /// Writes beside the output, per session, when each block of samples left for the sink (sample index, unix µs):
    /// what the latency benchmark measures with. Off by default.
    /// </summary>
    public bool SinkTimingLog { get; set; }

    /// <summary>Folder of the sink timing logs when <see cref="SinkTimingLog"/> is on.</summary>
    public string SinkTimingDirectory { get; set; } = "./agent-timing";

    /// <summary>A copy with the given credentials (the host's resolved ones).</summary>
    public AgentOptions WithCredentials(string deviceId, string secret)
    {
        var copy = (AgentOptions)MemberwiseClone();
        copy.DeviceId = deviceId;
        copy.Secret = secret;
        return copy;
    }

    private static string DefaultFirmware()
    {
        var assembly = typeof(AgentOptions).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        // Drop the "+commit" build metadata so the value stays within the protocol's 64 characters.
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return "inforadio-agent/" + (plus > 0 ? version[..plus] : version);
    }
}
