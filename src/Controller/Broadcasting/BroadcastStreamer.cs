using InfoRadio.Controller.Messaging;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Topics;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>
/// Publishes a stream's packets in real time: the packet starting at sample p leaves at epoch + p / 48 kHz,
/// up to <c>sendAhead</c> early. Audio is QoS 0: a late packet is worthless, and the broker fans it out.
/// </summary>
public sealed class BroadcastStreamer(ControllerBus bus, TimeProvider time)
{
    public async Task StreamAsync(IReadOnlyList<AudioPacket> packets, long epochUs, TimeSpan sendAhead, CancellationToken ct)
    {
        if (packets.Count == 0) return;
        var topic = TopicTree.StreamAudio(packets[0].Stream);
        foreach (var packet in packets)
        {
            var dueUs = epochUs + (long)(packet.Position * 1_000_000UL / ProtocolVersion.SampleRate) - (long)sendAhead.TotalMicroseconds;
            var waitUs = dueUs - NowUs();
            if (waitUs > 0) await Task.Delay(TimeSpan.FromMicroseconds(waitUs), time, ct);
            await bus.PublishAsync(topic, AudioPacketCodec.Encode(packet), MqttQualityOfServiceLevel.AtMostOnce, retain: false, ct);
        }
    }

    private long NowUs() => time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
}
