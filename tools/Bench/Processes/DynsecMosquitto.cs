using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using InfoRadio.Controller.Broker;
using InfoRadio.Controller.Broker.External;

namespace InfoRadio.Bench.Processes;

/// <summary>A dynsec account written straight into <c>dynamic-security.json</c> before mosquitto starts.</summary>
public sealed record DynsecPreloadedClient(string Username, string Password, IReadOnlyList<DynsecRole> Roles, string TextName = DynsecAccounts.DeviceMarker);

/// <summary>
/// A throwaway mosquitto 2 (Debian) with the dynamic-security plugin on a free loopback port: no anonymous access,
/// an admin created by <c>mosquitto_ctrl dynsec init</c>, and optionally many accounts written into the JSON file
/// directly (PBKDF2-SHA512, as mosquitto stores them), so a benchmark provisions thousands of devices in seconds
/// instead of one <c>$CONTROL</c> round trip each. Used by the tests (linked source) and by <c>tools/Bench</c>.
/// </summary>
public sealed class DynsecMosquitto : IAsyncDisposable
{
    public const string PluginPath = "/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so";
    public const string AdminUsername = "inforadio-admin";

    /// <summary>mosquitto's largest accepted packet: far above any protocol message (JSON is capped at 16 KiB).</summary>
    public const int MaxPacketSize = 256 * 1024;

    private readonly string _dir;
    private readonly Process _process;

    private DynsecMosquitto(string dir, int port, string adminPassword, Process process)
    {
        _dir = dir;
        Port = port;
        AdminPassword = adminPassword;
        _process = process;
    }

    public int Port { get; }

    public string AdminPassword { get; }

    public string ConfigFile => Path.Combine(_dir, "dynamic-security.json");

    /// <summary>Controller settings that make a controller manage this broker (append your own).</summary>
    public string[] ControllerArgs(string controllerPassword) =>
    [
        "--Broker:Embedded=false", "--Broker:Host=127.0.0.1", $"--Broker:Port={Port}",
        $"--Broker:ControllerPassword={controllerPassword}",
        $"--Broker:External:Kind={ExternalBrokerOptions.KindMosquittoDynsec}",
        $"--Broker:External:AdminUsername={AdminUsername}", $"--Broker:External:AdminPassword={AdminPassword}",
    ];

    public static async Task<DynsecMosquitto> StartAsync(int port, IEnumerable<DynsecPreloadedClient>? preload = null)
    {
        var dir = Directory.CreateTempSubdirectory("inforadio-mosquitto-").FullName;
        var adminPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var dynsec = Path.Combine(dir, "dynamic-security.json");
        await RunAsync("mosquitto_ctrl", ["dynsec", "init", dynsec, AdminUsername, adminPassword]);
        if (preload is not null) Preload(dynsec, preload);
        var config = Path.Combine(dir, "mosquitto.conf");
        await File.WriteAllTextAsync(config, string.Join('\n',
            $"listener {port} 127.0.0.1", "per_listener_settings false", "allow_anonymous false", "persistence false",
            // Started as root, mosquitto drops to user 'mosquitto', which could not read this private folder.
            Environment.UserName == "root" ? "user root" : "",
            $"max_packet_size {MaxPacketSize}", $"plugin {PluginPath}", $"plugin_opt_config_file {dynsec}", $"log_dest file {Path.Combine(dir, "mosquitto.log")}", ""));
        var process = Process.Start(new ProcessStartInfo("mosquitto", ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("mosquitto did not start (apt-get install mosquitto)");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var broker = new DynsecMosquitto(dir, port, adminPassword, process);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!broker.Accepts())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await broker.DisposeAsync();
                throw new InvalidOperationException($"mosquitto with dynsec did not start on port {port} (exit {(process.HasExited ? process.ExitCode : -1)})");
            }
            await Task.Delay(50);
        }
        return broker;
    }

    /// <summary>Adds clients and their roles to a dynsec file, with passwords hashed as mosquitto 2.0 does (PBKDF2-SHA512, 101 rounds).</summary>
    public static void Preload(string file, IEnumerable<DynsecPreloadedClient> clients)
    {
        var root = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        var clientList = root["clients"] as JsonArray ?? [];
        var roleList = root["roles"] as JsonArray ?? [];
        var roles = new HashSet<string>(roleList.Select(r => r!["rolename"]!.GetValue<string>()), StringComparer.Ordinal);
        foreach (var client in clients)
        {
            foreach (var role in client.Roles.Where(r => roles.Add(r.Name)))
            {
                roleList.Add(new JsonObject
                {
                    ["rolename"] = role.Name,
                    ["acls"] = new JsonArray([.. role.Acls.Select(a => (JsonNode)new JsonObject
                    {
                        ["acltype"] = a.Type, ["topic"] = a.Topic, ["priority"] = a.Priority, ["allow"] = a.Allow,
                    })]),
                });
            }
            var salt = RandomNumberGenerator.GetBytes(12);
            var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(client.Password), salt, 101, HashAlgorithmName.SHA512, 64);
            clientList.Add(new JsonObject
            {
                ["username"] = client.Username,
                ["clientid"] = client.Username,
                ["textName"] = client.TextName,
                ["password"] = Convert.ToBase64String(hash),
                ["salt"] = Convert.ToBase64String(salt),
                ["iterations"] = 101,
                ["roles"] = new JsonArray([.. client.Roles.Select(r => (JsonNode)new JsonObject { ["rolename"] = r.Name })]),
            });
        }
        root["clients"] = clientList;
        root["roles"] = roleList;
        root["defaultACLAccess"] = new JsonObject
        {
            ["publishClientSend"] = false, ["publishClientReceive"] = false, ["subscribe"] = false, ["unsubscribe"] = true,
        };
        File.WriteAllText(file, root.ToJsonString());
    }

    /// <summary>Usernames of the accounts mosquitto holds now (it saves its JSON file after every change).</summary>
    public async Task<IReadOnlyList<string>> ListClientsAsync()
    {
        var root = JsonNode.Parse(await File.ReadAllTextAsync(ConfigFile))!;
        return [.. (root["clients"] as JsonArray ?? []).Select(c => c!["username"]!.GetValue<string>())];
    }

    /// <summary>A device account as the controller would create it (<see cref="DynsecAccounts"/>).</summary>
    public static DynsecPreloadedClient Device(string id, string secret) =>
        new(id, secret, [DynsecAccounts.DevicesRole, DynsecAccounts.DeviceRole(id)]);

    /// <summary>The controller's account as the controller would create it.</summary>
    public static DynsecPreloadedClient Controller(string password) =>
        new(ControllerCredentials.Username, password, [DynsecAccounts.ControllerRole], "inforadio controller");

    private bool Accepts()
    {
        try
        {
            using var tcp = new TcpClient();
            tcp.Connect("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string file, string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException($"{file} did not start");
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {await error}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
