using System.Globalization;
using System.Text;
using InfoRadio.Protocol.Topics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace InfoRadio.Bench.Scenarios.Acl;

public sealed partial class AclAttackSuite
{
    private async Task PublishAttacksAsync()
    {
        var state = $$"""{"v":1,"online":true,"atUs":{{NowUs()}},"firmware":"MARK"}""";
        var telemetry = $$"""{"v":1,"atUs":{{NowUs()}},"firmware":"MARK"}""";
        var played = $$"""{"v":1,"id":"MARK","type":"play-finished","atUs":{{NowUs()}},"session":"s1"}""";
        var clock = $$"""{"v":1,"seq":1,"t0Us":{{NowUs()}}}""";
        var desired = $$"""{"v":1,"rev":999,"sessions":[{"id":"MARK","stream":{{VictimStream}},"epochUs":{{NowUs()}},"latencyMs":1000,"priority":"emergency"}]}""";
        var command = """{"v":1,"id":"MARK","type":"reboot"}""";
        var audio = new byte[64];
        audio[0] = 1;

        (string Name, string Topic, string Json, bool Retain)[] attacks =
        [
            ("publish: spoof another device's state", TopicTree.DeviceState(Victim), state, false),
            ("publish: retained spoof of another device's state", TopicTree.DeviceState(Victim), state, true),
            ("publish: forge another device's play event", TopicTree.DeviceEvents(Victim), played, false),
            ("publish: forge another device's telemetry", TopicTree.DeviceTelemetry(Victim), telemetry, false),
            ("publish: clock request in another device's name", TopicTree.ClockRequest(Victim), clock, false),
            ("publish: clock response to another device", TopicTree.ClockResponse(Victim), clock, false),
            ("publish: desired state of another device (hijack playout)", TopicTree.DeviceDesired(Victim), desired, false),
            ("publish: retained desired state of another device", TopicTree.DeviceDesired(Victim), desired, true),
            ("publish: command to another device (reboot)", TopicTree.DeviceCommands(Victim), command, false),
            ("publish: zone 'all' desired state (hijack every speaker)", TopicTree.ZoneDesired(TopicTree.AllZone), desired, false),
            ("publish: retained zone 'all' desired state", TopicTree.ZoneDesired(TopicTree.AllZone), desired, true),
            ("publish: own desired state (devices never write desired)", TopicTree.DeviceDesired(Mallory), desired, false),
            ("publish: own commands topic", TopicTree.DeviceCommands(Mallory), command, false),
        ];
        foreach (var (name, topic, json, retain) in attacks)
            await ObserveAsync(name, () => _mallory.TryPublishAsync(topic, Marked(json), retain));

        await ObserveAsync("publish: inject audio into a stream", () =>
            _mallory.TryPublishAsync(TopicTree.StreamAudio(VictimStream), audio, qos: MqttQualityOfServiceLevel.AtMostOnce));
        await ObserveAsync("publish: topic outside the tree", () => _mallory.TryPublishAsync("inforadio/v1/admin", Marked("\"MARK\"")));
        await ObserveAsync("publish (MQTT 3.1.1): spoof another device's state", () =>
            _mallory311.TryPublishAsync(TopicTree.DeviceState(Victim), Marked(state), retain: true));
        await ObserveAsync("publish (MQTT 3.1.1): command to another device", () =>
            _mallory311.TryPublishAsync(TopicTree.DeviceCommands(Victim), Marked(command)));
        await ObserveAsync("publish (MQTT 3.1.1): inject audio", () =>
            _mallory311.TryPublishAsync(TopicTree.StreamAudio(VictimStream), audio, qos: MqttQualityOfServiceLevel.AtMostOnce));
    }

    private async Task SubscribeAttacksAsync()
    {
        string[] filters =
        [
            "#", "+/#", TopicTree.Root + "/#", TopicTree.Root + "/devices/+/commands", TopicTree.Root + "/devices/+/desired",
            TopicTree.Filters.AllDeviceTelemetry, TopicTree.Filters.AllDeviceStates, "$SYS/#",
            TopicTree.DeviceCommands(Victim), TopicTree.DeviceDesired(Victim), TopicTree.DeviceState(Victim),
            TopicTree.ClockResponse(Victim), TopicTree.ClockRequest(Victim), TopicTree.Root + "/zones/+/desired",
        ];
        foreach (var filter in filters) await SubscribeAttackAsync($"subscribe: {filter}", _mallory, filter);
        await SubscribeAttackAsync("subscribe (MQTT 3.1.1): #", _mallory311, "#");
        await SubscribeAttackAsync($"subscribe (MQTT 3.1.1): {TopicTree.DeviceCommands(Victim)}", _mallory311, TopicTree.DeviceCommands(Victim));
    }

    /// <summary>Breach: the subscription was granted, or anything arrived through it when the victim's topics carried traffic.</summary>
    private async Task SubscribeAttackAsync(string name, AclProbe attacker, string filter)
    {
        MqttClientSubscribeResultCode? granted = null;
        await ObserveAsync(name, async () =>
        {
            granted = await attacker.TrySubscribeAsync(filter);
            // Legitimate traffic that a granted subscription would leak. The victim's own messages reach the
            // controller (counted as intake), so intake alone is not judged here: only the attacker's side is.
            await _bus.PublishAsync(TopicTree.DeviceCommands(Victim), "{}"u8.ToArray(), MqttQualityOfServiceLevel.AtLeastOnce, false);
            await _victim.TryPublishAsync(TopicTree.DeviceTelemetry(Victim),
                Encoding.UTF8.GetBytes($$"""{"v":1,"atUs":{{NowUs()}}}"""), qos: MqttQualityOfServiceLevel.AtMostOnce);
            return $"SUBACK {granted?.ToString() ?? "none"}";
        }, attacker, () => granted is MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1
            or MqttClientSubscribeResultCode.GrantedQoS2, legitimateTraffic: true);
    }

    private async Task ConnectAttacksAsync()
    {
        var longName = new string('a', 20_000);
        (string Name, string ClientId, string? User, string? Password, MqttProtocolVersion Version, Action<MqttClientOptionsBuilder>? Configure)[] attacks =
        [
            ("connect: stranger with an unknown id", "stranger-1", "stranger-1", "password", MqttProtocolVersion.V500, null),
            ("connect (3.1.1): stranger with an unknown id", "stranger-2", "stranger-2", "password", MqttProtocolVersion.V311, null),
            ("connect: stranger with a known id, guessed secret", Mallory2, Mallory2, "guess", MqttProtocolVersion.V500, null),
            ("connect: valid credentials, another device's client id (takeover)", Victim, Mallory, _secrets[Mallory], MqttProtocolVersion.V500, null),
            ("connect (3.1.1): valid credentials, another device's client id", Victim, Mallory, _secrets[Mallory], MqttProtocolVersion.V311, null),
            ("connect: valid credentials, client id 'controller'", "controller", Mallory, _secrets[Mallory], MqttProtocolVersion.V500, null),
            ("connect: username 'controller' with a guessed password", "controller", "controller", "controller", MqttProtocolVersion.V500, null),
            ("connect: another device's id with my own secret", Victim, Victim, _secrets[Mallory], MqttProtocolVersion.V500, null),
            ("connect: Last Will on another device's state", Mallory, Mallory, _secrets[Mallory], MqttProtocolVersion.V500,
                o => o.WithWillTopic(TopicTree.DeviceState(Victim)).WithWillPayload(Marked("{\"online\":false,\"firmware\":\"MARK\"}")).WithWillRetain()),
            ("connect: Last Will on zone 'all' desired state", Mallory, Mallory, _secrets[Mallory], MqttProtocolVersion.V500,
                o => o.WithWillTopic(TopicTree.ZoneDesired(TopicTree.AllZone)).WithWillPayload(Marked("\"MARK\""))),
            ("connect: revoked device with its own secret", Revoked, Revoked, _secrets[Revoked], MqttProtocolVersion.V500, null),
            ("connect (3.1.1): revoked device with its own secret", Revoked, Revoked, _secrets[Revoked], MqttProtocolVersion.V311, null),
            ("connect: rotated-away secret", Rotated, Rotated, _secrets["rotated-away"], MqttProtocolVersion.V500, null),
            ("connect: empty username", "anonymous", "", "password", MqttProtocolVersion.V500, null),
            ("connect: no username at all", "anonymous", null, null, MqttProtocolVersion.V500, null),
            ("connect (3.1.1): no username at all", "anonymous", null, null, MqttProtocolVersion.V311, null),
            ("connect: 20,000-character username", "long", longName, "password", MqttProtocolVersion.V500, null),
            ("connect: username with a wildcard", "dev+", "dev+", "password", MqttProtocolVersion.V500, null),
        ];
        foreach (var (name, clientId, user, password, version, configure) in attacks)
        {
            MqttClientConnectResultCode? code = null;
            AclProbe? probe = null;
            await ObserveAsync(name, async () =>
            {
                (probe, code, var detail) = await AclProbe.ConnectAsync(host, port, clientId, user, password, version, configure);
                // Dropped without DISCONNECT, as a lost link would: a Will it smuggled in would fire within the settle time.
                probe.Client.Dispose();
                return detail;
            }, extraBreach: () => code == MqttClientConnectResultCode.Success && (RefusesWillAtConnect || !name.Contains("Last Will", StringComparison.Ordinal)));
        }

        await ObserveAsync("connect: malformed CONNECT (garbage)", async () =>
        {
            var (accepted, detail) = await AclProbe.RawConnectAsync(host, port, [0x10, 0x05, 0xde, 0xad, 0xbe, 0xef, 0x00]);
            return accepted ? "ACCEPTED" : detail;
        }, extraBreach: null);
        await ObserveAsync("connect: CONNECT with a bogus protocol name and level", async () =>
        {
            byte[] bogus = [0x10, 0x0e, 0x00, 0x04, (byte)'X', (byte)'Q', (byte)'T', (byte)'T', 0x09, 0x02, 0x00, 0x3c, 0x00, 0x02, (byte)'a', (byte)'b'];
            var (accepted, detail) = await AclProbe.RawConnectAsync(host, port, bogus);
            return accepted ? "ACCEPTED" : detail;
        });
    }

    private async Task OversizedAsync()
    {
        var payload = new byte[1024 * 1024];
        Array.Fill(payload, (byte)'x');
        await ObserveAsync("publish: 1 MiB payload on the attacker's own events topic", () =>
            _mallory.TryPublishAsync(TopicTree.DeviceEvents(Mallory), payload));
    }

    private async Task BruteForceAsync()
    {
        var refusedBy = new List<string>();
        MqttClientConnectResultCode? last = null;
        await ObserveAsync($"brute force: {BruteForceAttempts} guessed secrets for {Victim}, then the right one", async () =>
        {
            for (var i = 0; i < BruteForceAttempts; i++)
            {
                var (probe, code, _) = await AclProbe.ConnectAsync(host, port, Victim, Victim, $"guess-{i.ToString(CultureInfo.InvariantCulture)}");
                await probe.DisposeAsync();
                refusedBy.Add(code?.ToString() ?? "error");
            }
            // Without a lockout the right secret simply gets in and takes the victim's session over: nothing to judge.
            if (!ThrottlesConnects) return $"no lockout at this broker; {refusedBy.Count(r => r != nameof(MqttClientConnectResultCode.Success))} of {BruteForceAttempts} guesses refused ({string.Join(",", refusedBy.Distinct())})";
            var (right, rightCode, _) = await AclProbe.ConnectAsync(host, port, Victim, Victim, _secrets[Victim]);
            last = rightCode;
            await right.DisposeAsync();
            var firstThrottled = refusedBy.FindIndex(r => r == nameof(MqttClientConnectResultCode.ConnectionRateExceeded));
            return firstThrottled < 0
                ? $"never throttled ({string.Join(",", refusedBy.Distinct())}); the right secret then got {rightCode}"
                : $"rate limit bit at guess {firstThrottled + 1}; the right secret then got {rightCode}";
        }, extraBreach: () => refusedBy.Contains(nameof(MqttClientConnectResultCode.Success)) || (ThrottlesConnects && last == MqttClientConnectResultCode.Success));
    }
}
