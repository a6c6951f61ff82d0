using System.Text;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Messaging;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace InfoRadio.Bench.Scenarios.Acl;

/// <summary>One attack and what its legitimate observers saw: a breach is any effect that got through.</summary>
public sealed record AclAttempt(string Name, bool Breach, string Detail);

/// <summary>
/// Attacks on a running controller's broker, by a registered device (valid credentials, "mallory") and by strangers.
/// Every attack is judged by its effect on legitimate observers, not by what the broker answered: the victim device's
/// own connection (its desired, commands, clock response, zone and stream subscriptions), the controller's own link
/// (every state, event, telemetry and clock request it took in, from its <see cref="BusCounters"/>) and, for
/// subscriptions, whether the attacker got anything. Shared by tools/Bench <c>acl</c> and the EndToEnd test.
/// </summary>
public sealed partial class AclAttackSuite(IServiceProvider services, string host, int port, Action<AclAttempt>? report = null)
{
    public const string Victim = "acl-victim";
    public const string Mallory = "acl-mallory";
    public const string Mallory2 = "acl-mallory2";
    public const string Revoked = "acl-revoked";
    public const string Rotated = "acl-rotated";
    public const uint VictimStream = 7;

    private readonly DeviceRegistry _registry = services.GetRequiredService<DeviceRegistry>();
    private readonly ControllerBus _bus = services.GetRequiredService<ControllerBus>();
    private readonly List<AclAttempt> _attempts = [];
    private readonly Dictionary<string, string> _secrets = [];
    private AclProbe _victim = null!;
    private AclProbe _mallory = null!;
    private AclProbe _mallory311 = null!;
    private int _marker;

    /// <summary>How long an attack's effect is given to show at the observers.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// The broker refuses a CONNECT whose Last Will it would not let the client publish (the embedded broker does).
    /// mosquitto 2.0 accepts the CONNECT and drops the Will when it fires: then only the Will's effect is judged.
    /// </summary>
    public bool RefusesWillAtConnect { get; init; } = true;

    /// <summary>
    /// The broker locks out a client after failed CONNECTs (the embedded broker and the EMQX hooks do; mosquitto has no
    /// such limit): without it, the brute force is judged only by whether a guessed secret got in.
    /// </summary>
    public bool ThrottlesConnects { get; init; } = true;

    /// <summary>Completes when the registry's changes are in force at the broker (an external one learns them asynchronously).</summary>
    public Func<Task>? RegistryApplied { get; init; }

    /// <summary>Wrong passwords tried in the brute-force attack.</summary>
    public int BruteForceAttempts { get; init; } = 12;

    public async Task<IReadOnlyList<AclAttempt>> RunAsync()
    {
        await SetUpAsync();
        try
        {
            await PublishAttacksAsync();
            await SubscribeAttacksAsync();
            await ConnectAttacksAsync();
            await OversizedAsync();
            await BruteForceAsync();
        }
        finally
        {
            await _mallory311.DisposeAsync();
            await _mallory.DisposeAsync();
            await _victim.DisposeAsync();
        }
        return _attempts;
    }

    private async Task SetUpAsync()
    {
        foreach (var id in new[] { Victim, Mallory, Mallory2, Revoked, Rotated })
            _secrets[id] = _registry.Find(id) is null ? _registry.Register(id, id).Secret : _registry.RotateSecret(id).Secret;
        _registry.Revoke(Revoked, "acl-bench", "attack suite: a stolen box");
        _secrets["rotated-away"] = _secrets[Rotated];
        _secrets[Rotated] = _registry.RotateSecret(Rotated).Secret;
        if (RegistryApplied is { } applied) await applied();

        _victim = await ConnectOrThrowAsync(Victim, MqttProtocolVersion.V500);
        foreach (var filter in new[]
                 {
                     TopicTree.DeviceDesired(Victim), TopicTree.DeviceCommands(Victim), TopicTree.ClockResponse(Victim),
                     TopicTree.ZoneDesired(TopicTree.AllZone), TopicTree.StreamAudio(VictimStream),
                 })
        {
            if (await _victim.TrySubscribeAsync(filter) is not (MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1))
                throw new InvalidOperationException($"the victim could not subscribe to its own {filter}");
        }
        _mallory = await ConnectOrThrowAsync(Mallory, MqttProtocolVersion.V500);
        _mallory311 = await ConnectOrThrowAsync(Mallory2, MqttProtocolVersion.V311);
        await Task.Delay(Settle); // retained desired states arrive at the victim now: not part of any attack
        await CheckObserversSeeAsync();
    }

    /// <summary>The observers must see legitimate traffic, or "no effect" would prove nothing.</summary>
    private async Task CheckObserversSeeAsync()
    {
        var intake = BusIntake();
        var victim = _victim.ReceivedCount;
        await _victim.TryPublishAsync(TopicTree.DeviceTelemetry(Victim), Encoding.UTF8.GetBytes($$"""{"v":1,"atUs":{{NowUs()}}}"""));
        await _bus.PublishAsync(TopicTree.DeviceCommands(Victim), "{}"u8.ToArray(), MqttQualityOfServiceLevel.AtLeastOnce, false);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (BusIntake() == intake || _victim.ReceivedCount == victim)
        {
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException("the observers do not see legitimate traffic: the suite would prove nothing");
            await Task.Delay(10);
        }
    }

    private async Task<AclProbe> ConnectOrThrowAsync(string id, MqttProtocolVersion version)
    {
        var (probe, code, detail) = await AclProbe.ConnectAsync(host, port, id, id, _secrets[id], version);
        if (code != MqttClientConnectResultCode.Success) throw new InvalidOperationException($"{id} could not connect: {detail}");
        return probe;
    }

    /// <summary>Runs <paramref name="attack"/> and judges it by every observer's change over the settle time.</summary>
    /// <param name="legitimateTraffic">The attack makes legitimate traffic of its own (subscription probes): judge only the attacker's side.</param>
    private async Task ObserveAsync(string name, Func<Task<string>> attack, AclProbe? attacker = null, Func<bool>? extraBreach = null,
        bool legitimateTraffic = false)
    {
        var victimBefore = _victim.ReceivedCount;
        var busBefore = BusIntake();
        var attackerBefore = attacker?.ReceivedCount ?? 0;
        string detail;
        try
        {
            detail = await attack();
        }
        catch (Exception ex)
        {
            detail = $"{ex.GetType().Name}: {ex.Message}";
        }
        await Task.Delay(Settle);
        var effects = new List<string>();
        if (!legitimateTraffic && _victim.ReceivedCount > victimBefore)
            effects.Add($"victim received {string.Join(", ", _victim.Received.Skip(victimBefore).Select(m => m.Topic))}");
        if (!legitimateTraffic && BusIntake() > busBefore) effects.Add($"the controller took in {BusIntake() - busBefore} message(s)");
        if (attacker is not null && attacker.ReceivedCount > attackerBefore)
            effects.Add($"attacker received {string.Join(", ", attacker.Received.Skip(attackerBefore).Select(m => m.Topic).Distinct())}");
        if (!_victim.Client.IsConnected) effects.Add("the victim was disconnected");
        if (extraBreach?.Invoke() == true) effects.Add("accepted");
        Record(name, effects.Count > 0, effects.Count > 0 ? string.Join("; ", effects) : detail);
    }

    private void Record(string name, bool breach, string detail)
    {
        var attempt = new AclAttempt(name, breach, detail);
        _attempts.Add(attempt);
        report?.Invoke(attempt);
    }

    /// <summary>Everything the controller's link received or dropped as malformed or unexpected.</summary>
    private long BusIntake()
    {
        var c = _bus.Counters;
        return Enum.GetValues<TopicKind>().Sum(k => c.Received(k) + c.Malformed(k)) + c.UnexpectedTopics;
    }

    private byte[] Marked(string json) => Encoding.UTF8.GetBytes(json.Replace("MARK", $"acl-attack-{++_marker}", StringComparison.Ordinal));

    private static long NowUs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
}
