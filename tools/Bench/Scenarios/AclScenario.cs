using System.Diagnostics;
using System.Globalization;
using InfoRadio.Bench.Processes;
using InfoRadio.Bench.Scenarios.Acl;
using InfoRadio.Controller.Broker;
using InfoRadio.Controller.Broker.External;
using InfoRadio.Controller.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace InfoRadio.Bench.Scenarios;

/// <summary>
/// acl: a real controller (HTTP, embedded broker, LiteDB in a temporary folder) attacked by a device with valid
/// credentials and by strangers (<see cref="AclAttackSuite"/>). The controller runs in this process so the suite can
/// revoke and rotate through its registry and read its own link's counters as the legitimate observer.
/// </summary>
public static class AclScenario
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var work = Directory.CreateTempSubdirectory("inforadio-bench-acl-").FullName;
        var brokerPort = Ports.Free();
        var httpPort = Ports.Free();
        var settleMs = args.Int("settle-ms", 300);
        var broker = args.Get("broker", "embedded");
        if (broker is not ("embedded" or "mosquitto")) throw new ArgumentException("--broker is 'embedded' or 'mosquitto'");
        await using var mosquitto = broker == "mosquitto" ? await DynsecMosquitto.StartAsync(brokerPort) : null;
        string[] brokerArgs = mosquitto is null
            ? [$"--Broker:Port={brokerPort}", "--Broker:ListenIPv6=false"]
            : mosquitto.ControllerArgs(Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        var app = ControllerApp.Build([
            "--urls", $"http://127.0.0.1:{httpPort}", .. brokerArgs,
            $"--Storage:DataDir={Path.Combine(work, "data")}", "--Logging:LogLevel:Default=Error",
        ]);
        try
        {
            await app.StartAsync();
            var dynsec = app.Services.GetService<MosquittoDynsecManager>();
            using (var api = new ControllerApiClient(new Uri($"http://127.0.0.1:{httpPort}"), installerToken: "unused: only /healthz is asked"))
                await api.WaitHealthyAsync(TimeSpan.FromSeconds(30));

            var clock = Stopwatch.StartNew();
            var suite = new AclAttackSuite(app.Services, "127.0.0.1", brokerPort,
                a => Console.WriteLine($"{(a.Breach ? "BREACH " : "refused")}  {a.Name}: {a.Detail}"))
            {
                Settle = TimeSpan.FromMilliseconds(settleMs),
                RefusesWillAtConnect = mosquitto is null,
                ThrottlesConnects = mosquitto is null,
                // The registry's changes reach mosquitto through $CONTROL: wait until they are applied.
                RegistryApplied = dynsec is null ? null : () => dynsec.WhenIdleAsync(TimeSpan.FromSeconds(30)),
            };
            var attempts = await suite.RunAsync();
            var ms = clock.ElapsedMilliseconds;
            var breaches = attempts.Count(a => a.Breach);
            var counters = app.Services.GetRequiredService<BrokerCounters>();
            if (mosquitto is null) Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"broker: connections refused {counters.ConnectionsRefused} (auth {counters.AuthFailures}, client id {counters.ClientIdRejected}, will {counters.WillDenied}, throttled {counters.ConnectsThrottled}), lockouts {counters.Lockouts}, publishes denied {counters.PublishDenied} (oversized {counters.OversizedPublishes}), subscriptions denied {counters.SubscribeDenied}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT acl broker={broker} attempts={attempts.Count} breaches={breaches} refused={attempts.Count - breaches} ms={ms}"));
            return breaches == 0 ? 0 : 1;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }
}
