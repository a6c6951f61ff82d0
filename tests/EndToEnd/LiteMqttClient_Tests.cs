using System.Collections.Concurrent;
using InfoRadio.EndToEnd.Tests.Chaos;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using InfoRadio.LoadSim.Mqtt;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>The load simulator's minimal MQTT 5 client: its framing, and its exchanges with a real mosquitto.</summary>
public sealed class LiteMqttClient_Tests
{
    [Fact]
    public void Lengths_are_variable_byte_integers_and_a_packet_is_framed_only_once_whole()
    {
        foreach (var (length, bytes) in new[] { (0, 1), (127, 1), (128, 2), (16_383, 2), (16_384, 3), (70_000, 3) })
        {
            var packet = MqttWire.EncodePublish("t", new byte[Math.Max(0, length - 4)], 0, false, 0);
            Assert.True(MqttWire.TryFrame(packet, out var header, out var bodyStart, out var bodyLength));
            Assert.Equal((MqttWire.Publish, 1 + bytes, packet.Length - 1 - bytes), (header, bodyStart, bodyLength));
            Assert.False(MqttWire.TryFrame(packet.AsSpan(0, packet.Length - 1), out _, out _, out _));
        }
        Assert.Throws<InvalidDataException>(() => MqttWire.TryFrame([0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], out _, out _, out _));
    }

    [Fact]
    public async Task It_subscribes_publishes_at_both_levels_receives_large_and_retained_messages_and_its_Will_speaks_for_it()
    {
        using var temp = new TempDirectory();
        await using var mosquitto = new RestartableMosquitto(temp.Sub("mosquitto"));
        await mosquitto.StartAsync();
        var heard = new ConcurrentQueue<(string Topic, byte[] Payload)>();
        await using var listener = new LiteMqttClient((topic, payload) => heard.Enqueue((topic, payload.ToArray())), () => { });
        var lost = new TaskCompletionSource();
        await using var speaker = new LiteMqttClient((_, _) => { }, () => lost.TrySetResult());

        Assert.Equal(0, await listener.ConnectAsync("127.0.0.1", mosquitto.Port, Fields("listener"), TimeSpan.FromSeconds(10), CancellationToken.None));
        Assert.Equal(0, await speaker.ConnectAsync("127.0.0.1", mosquitto.Port, Fields("speaker"), TimeSpan.FromSeconds(10), CancellationToken.None));
        Assert.True(await listener.SubscribeAsync("a/#", 1, CancellationToken.None) < 0x80);
        Assert.True(await listener.SubscribeAsync("will/speaker", 1, CancellationToken.None) < 0x80);

        var large = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7)).ToArray();
        await speaker.PublishAsync("a/large", large, 1, retain: true, CancellationToken.None); // completes on PUBACK
        await speaker.PublishAsync("a/small", [1, 2, 3], 0, retain: false, CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(heard.Count == 2), TimeSpan.FromSeconds(10), "both messages heard");
        Assert.Equal(["a/large", "a/small"], heard.Select(m => m.Topic));
        Assert.Equal(large, heard.First().Payload);

        // Retained: a late subscriber gets the large message on subscribing.
        var late = new ConcurrentQueue<byte[]>();
        await using (var newcomer = new LiteMqttClient((_, payload) => late.Enqueue(payload.ToArray()), () => { }))
        {
            Assert.Equal(0, await newcomer.ConnectAsync("127.0.0.1", mosquitto.Port, Fields("newcomer"), TimeSpan.FromSeconds(10), CancellationToken.None));
            await newcomer.SubscribeAsync("a/large", 0, CancellationToken.None);
            await Eventually.TrueAsync(() => Task.FromResult(late.Count == 1), TimeSpan.FromSeconds(10), "the retained message");
            Assert.Equal(large, late.Single());
            await newcomer.DisconnectAsync();
        }

        await listener.UnsubscribeAsync("a/#", CancellationToken.None);
        await speaker.PublishAsync("a/after", [9], 1, retain: false, CancellationToken.None);

        // The broker goes away under the speaker: it learns it lost the connection.
        await mosquitto.KillAsync();
        await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(speaker.IsConnected);
        Assert.DoesNotContain(heard, m => m.Topic == "a/after");
    }

    [Fact]
    public async Task Its_Last_Will_is_published_when_it_vanishes_and_not_when_it_says_goodbye()
    {
        using var temp = new TempDirectory();
        await using var mosquitto = new RestartableMosquitto(temp.Sub("mosquitto"));
        await mosquitto.StartAsync();
        var wills = new ConcurrentQueue<string>();
        await using var listener = new LiteMqttClient((topic, _) => wills.Enqueue(topic), () => { });
        await listener.ConnectAsync("127.0.0.1", mosquitto.Port, Fields("listener"), TimeSpan.FromSeconds(10), CancellationToken.None);
        await listener.SubscribeAsync("will/#", 1, CancellationToken.None);

        var polite = new LiteMqttClient((_, _) => { }, () => { });
        await polite.ConnectAsync("127.0.0.1", mosquitto.Port, Fields("polite"), TimeSpan.FromSeconds(10), CancellationToken.None);
        await polite.DisconnectAsync();
        await polite.DisposeAsync();

        // Vanishing: the socket closes without DISCONNECT (as when the process dies).
        var rude = new LiteMqttClient((_, _) => { }, () => { });
        await rude.ConnectAsync("127.0.0.1", mosquitto.Port, Fields("rude"), TimeSpan.FromSeconds(10), CancellationToken.None);
        await rude.DisposeAsync();

        await Eventually.TrueAsync(() => Task.FromResult(wills.Contains("will/rude")), TimeSpan.FromSeconds(10), "the vanished client's Will");
        await Task.Delay(300);
        Assert.DoesNotContain("will/polite", wills);
    }

    private static MqttWire.ConnectFields Fields(string id) => new(id, id, "any", 30, "will/" + id, [0x7B, 0x7D]);
}
