using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace InfoRadio.Bench.Processes;

/// <summary>
/// A mosquitto 2 (Debian package) child process on a loopback port that authenticates and authorizes as the
/// controller's embedded broker does, from generated files: a password file (each device's id and secret, plus the
/// controller's user, hashed by <c>mosquitto_passwd -U</c>) and an ACL file whose <c>pattern</c> lines give each device
/// the topics of docs/protocol.md section 6. Started through <c>sh</c> so that its open-file limit is raised to the
/// hard limit first (one descriptor per client).
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    /// <summary>Section 6 of docs/protocol.md for device <c>%u</c>; the controller's user may use every topic.</summary>
    public const string DeviceAcl = """
        # A device d (user name = client id = d) publishes only its own reports and clock requests...
        pattern write inforadio/v1/devices/%u/state
        pattern write inforadio/v1/devices/%u/telemetry
        pattern write inforadio/v1/devices/%u/events
        pattern write inforadio/v1/devices/%u/clock/req
        # ...and subscribes only to its own desired state, commands and clock answers, zones' desired states and streams.
        pattern read inforadio/v1/devices/%u/desired
        pattern read inforadio/v1/devices/%u/commands
        pattern read inforadio/v1/devices/%u/clock/resp
        pattern read inforadio/v1/zones/+/desired
        pattern read inforadio/v1/streams/+/audio
        """;

    private readonly WatchedProcess _process;

    private MosquittoBroker(WatchedProcess process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }
    public string Directory { get; }

    /// <summary>The mosquitto process itself (sh execs it).</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// Writes the configuration into <paramref name="directory"/> and starts mosquitto on <paramref name="port"/>;
    /// returns once it accepts TCP connections.
    /// </summary>
    /// <param name="devices">Every device that may connect: id and secret.</param>
    /// <param name="controllerPassword">Password of the <c>controller</c> user.</param>
    /// <param name="maxQueuedMessages">Per client, as the embedded broker's <c>MaxPendingMessagesPerClient</c>.</param>
    public static async Task<MosquittoBroker> StartAsync(string directory, int port, IEnumerable<(string Id, string Secret)> devices,
        string controllerPassword, int maxQueuedMessages = 1000)
    {
        System.IO.Directory.CreateDirectory(directory);
        var passwords = Path.Combine(directory, "passwd");
        var acl = Path.Combine(directory, "acl");
        var config = Path.Combine(directory, "mosquitto.conf");
        var lines = new StringBuilder();
        lines.Append(CultureInfo.InvariantCulture, $"controller:{controllerPassword}\n");
        foreach (var (id, secret) in devices) lines.Append(CultureInfo.InvariantCulture, $"{id}:{secret}\n");
        await File.WriteAllTextAsync(passwords, lines.ToString());
        await HashPasswordsAsync(passwords);
        await File.WriteAllTextAsync(acl, "user controller\ntopic readwrite #\n\n" + DeviceAcl + "\n");
        await File.WriteAllTextAsync(config, string.Join('\n',
            "per_listener_settings false",
            $"listener {port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1",
            "allow_anonymous false",
            $"password_file {passwords}",
            $"acl_file {acl}",
            // The embedded broker refuses a client id other than the user name; mosquitto can only impose it.
            "use_username_as_clientid true",
            // Started as root, mosquitto drops to the user "mosquitto", who cannot read this private temporary folder.
            $"user {Environment.UserName}",
            "persistence false",
            $"max_queued_messages {maxQueuedMessages.ToString(CultureInfo.InvariantCulture)}",
            // Unlimited (the default, stated): the embedded broker has no connection limit either.
            "max_connections -1",
            "set_tcp_nodelay true",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
            "connection_messages false",
            ""));
        var process = WatchedProcess.Start("mosquitto", "sh", ["-c", "ulimit -n \"$(ulimit -Hn)\" && exec mosquitto -c \"$0\"", config]);
        var broker = new MosquittoBroker(process, port, directory);
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!Accepts(port))
            {
                if (process.HasExited) throw new InvalidOperationException("mosquitto exited (is the mosquitto package installed?)");
                if (DateTime.UtcNow > deadline) throw new TimeoutException("mosquitto did not accept connections within 30 s");
                await Task.Delay(100);
            }
            return broker;
        }
        catch
        {
            broker.Dispose();
            throw;
        }
    }

    /// <summary>Replaces the plain passwords by mosquitto's own salted hashes, in place.</summary>
    private static async Task HashPasswordsAsync(string path)
    {
        using var hasher = WatchedProcess.Start("mosquitto_passwd", "mosquitto_passwd", ["-U", path]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await hasher.WaitForExitAsync(timeout.Token);
        if (File.ReadLines(path).Any(l => !l.Contains(":$", StringComparison.Ordinal)))
            throw new InvalidOperationException("mosquitto_passwd -U left plain passwords (is mosquitto installed?)");
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var tcp = new TcpClient();
            tcp.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose() => _process.Dispose();
}
