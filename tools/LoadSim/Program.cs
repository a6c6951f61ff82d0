using System.CommandLine;
using InfoRadio.LoadSim;
using InfoRadio.LoadSim.Fleet;

var root = new RootCommand("InfoRadio load simulator: thousands of lightweight speaker agents in one process, speaking the real protocol, " +
    "reporting each packet's arrival against its playout deadline.");

// System.CommandLine has no converter for Uri: parsed here, with a clear error for a bad one.
var controllerOption = new Option<Uri>("--controller")
{
    Description = "Controller base URL",
    DefaultValueFactory = _ => new Uri("http://localhost:8080/"),
    CustomParser = result =>
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
        result.AddError($"--controller must be an http(s) URL, not '{text}'");
        return null;
    },
};
var tokenOption = new Option<string>("--token") { Description = "A technician's API token", Required = true };
var countOption = new Option<int>("--count") { Description = "How many speakers to register", DefaultValueFactory = _ => 1000 };
var prefixOption = new Option<string>("--prefix") { Description = "Device id prefix", DefaultValueFactory = _ => "sim-" };
var outOption = new Option<string>("--out") { Description = "Where to write id,secret lines", DefaultValueFactory = _ => "loadsim-credentials.csv" };
var provision = new Command("provision", "Register simulated speakers with a controller and write their credentials (CSV)")
    { controllerOption, tokenOption, countOption, prefixOption, outOption };
provision.SetAction(async (parse, ct) =>
{
    var list = await Provisioning.RegisterAsync(parse.GetValue(controllerOption)!, parse.GetValue(tokenOption)!, parse.GetValue(prefixOption)!,
        parse.GetValue(countOption), n => Console.Error.WriteLine($"registered {n}"), ct);
    AgentCredentials.WriteCsv(parse.GetValue(outOption)!, list);
    Console.WriteLine($"{list.Count} speakers registered; credentials in {parse.GetValue(outOption)}");
    return 0;
});

var brokerOption = new Option<string>("--broker") { Description = "MQTT broker host:port", DefaultValueFactory = _ => "127.0.0.1:1883" };
var credentialsOption = new Option<string>("--credentials") { Description = "CSV of id,secret (from 'provision')", Required = true };
var agentsOption = new Option<int?>("--agents") { Description = "Use only the first N credentials" };
var decodeOption = new Option<bool>("--decode") { Description = "Decode every Opus frame, as a real speaker does" };
var durationOption = new Option<int>("--duration-s") { Description = "Run this long after all are connected, then report (0: until stdin closes)", DefaultValueFactory = _ => 60 };
var rateOption = new Option<int>("--connects-per-s") { Description = "Connections opened per second while coming up", DefaultValueFactory = _ => 250 };
var eventsOption = new Option<bool>("--play-events") { Description = "Publish play-started/finished events", DefaultValueFactory = _ => true };
var warmupOption = new Option<int>("--warmup-s") { Description = "After all are connected, wait this long, then start the figures over: the report covers only the time after", DefaultValueFactory = _ => 0 };
var perAgentOption = new Option<string?>("--per-agent") { Description = "Write one line per agent (id, packets, late, lost, min lead ms) to this CSV" };
var statusOption = new Option<int>("--status-ms") { Description = "Also print 'STATUS connected=N receiving=N agents=N' to stdout this often (0: never); receiving = audio in the last second", DefaultValueFactory = _ => 0 };
var jitterOption = new Option<int>("--reconnect-jitter-ms") { Description = "Reconnect after a loss within a random wait of up to this long", DefaultValueFactory = _ => 5000 };
var clockOption = new Option<int>("--clock-sync-ms") { Description = "Clock request spacing after the connect burst (a real agent asks every 2000 ms while it plays)", DefaultValueFactory = _ => 2000 };
var run = new Command("run", "Run the fleet and print its delivery report; the last line is 'RESULT loadsim …'")
    { brokerOption, credentialsOption, agentsOption, decodeOption, durationOption, rateOption, eventsOption, warmupOption, perAgentOption, statusOption, jitterOption, clockOption };
run.SetAction(async (parse, ct) =>
{
    var broker = parse.GetValue(brokerOption)!;
    var colon = broker.LastIndexOf(':');
    if (colon <= 0 || !int.TryParse(broker[(colon + 1)..], out var port)) { Console.Error.WriteLine("--broker must be host:port"); return 2; }
    var credentials = AgentCredentials.ReadCsv(parse.GetValue(credentialsOption)!);
    if (parse.GetValue(agentsOption) is { } n) credentials = credentials.Take(n).ToArray();
    var options = new FleetOptions
    {
        BrokerHost = broker[..colon], BrokerPort = port, Decode = parse.GetValue(decodeOption),
        ConnectsPerSecond = parse.GetValue(rateOption), SendPlayEvents = parse.GetValue(eventsOption),
        ReconnectJitter = TimeSpan.FromMilliseconds(Math.Max(0, parse.GetValue(jitterOption))),
        ClockSyncInterval = TimeSpan.FromMilliseconds(Math.Max(250, parse.GetValue(clockOption))),
    };
    await using var fleet = new SimulatedFleet(credentials, options);
    using var statusStop = new CancellationTokenSource();
    var status = parse.GetValue(statusOption) is > 0 and var statusMs ? PrintStatusAsync(fleet, TimeSpan.FromMilliseconds(statusMs), statusStop.Token) : Task.CompletedTask;
    await fleet.StartAsync(ct);
    var connected = await fleet.WaitAllConnectedAsync(TimeSpan.FromSeconds(Math.Max(60, credentials.Count / 20)), ct);
    Console.WriteLine(connected ? $"READY {credentials.Count} agents connected" : $"NOT READY {fleet.ConnectedCount} of {credentials.Count} connected");
    if (parse.GetValue(warmupOption) is > 0 and var warmup)
    {
        await Task.Delay(TimeSpan.FromSeconds(warmup), ct);
        fleet.ResetDelivery();
    }
    // From here on the figures count: a driver (tools/Bench fanout) reads its other processes' CPU from this line on.
    Console.WriteLine("MEASURING");
    var cpuAtStart = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    var measuring = System.Diagnostics.Stopwatch.StartNew();
    var duration = parse.GetValue(durationOption);
    using var progress = new PeriodicTimer(TimeSpan.FromSeconds(5));
    // The window ends at its duration exactly (not at the next progress line), or when stdin closes.
    var end = duration > 0 ? Task.Delay(TimeSpan.FromSeconds(duration), ct) : Task.Run(() => Console.In.ReadToEnd(), ct);
    var tick = progress.WaitForNextTickAsync(ct).AsTask();
    while (!end.IsCompleted && !ct.IsCancellationRequested)
    {
        if (await Task.WhenAny(tick, end) != tick) break;
        Console.Error.WriteLine(fleet.Report().ResultLine("progress"));
        tick = progress.WaitForNextTickAsync(ct).AsTask();
    }
    var report = fleet.Report();
    if (parse.GetValue(perAgentOption) is { } path)
        File.WriteAllLines(path, fleet.Agents.Select(a => $"{a.DeviceId},{a.Delivery.Packets},{a.Delivery.LatePackets},{a.Delivery.LostPackets}," +
            (double.IsInfinity(a.Delivery.MinLeadMs) ? "" : a.Delivery.MinLeadMs.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)))
            .Prepend("id,packets,late,lost,min_lead_ms"));
    await statusStop.CancelAsync();
    await status;
    var cpuPercent = 100 * (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalSeconds / measuring.Elapsed.TotalSeconds;
    Console.WriteLine(report.ResultLine() + FormattableString.Invariant($" window_s={measuring.Elapsed.TotalSeconds:0.0} cpu_pct={cpuPercent:0.0}"));
    return 0;
});

// A driving process (tools/Bench reconnect) follows the fleet through these lines while it runs.
static async Task PrintStatusAsync(SimulatedFleet fleet, TimeSpan every, CancellationToken ct)
{
    using var timer = new PeriodicTimer(every);
    try
    {
        while (await timer.WaitForNextTickAsync(ct)) Console.WriteLine(fleet.StatusLine(TimeSpan.FromSeconds(1)));
    }
    catch (OperationCanceledException) { }
}

root.Subcommands.Add(provision);
root.Subcommands.Add(run);
return await root.Parse(args).InvokeAsync();
