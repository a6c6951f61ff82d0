using InfoRadio.Controller.Messaging;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Topics;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>
/// Publishes a stream's packets. Audio is QoS 0 and never retained: a late packet is worthless, and the broker
/// fans it out.
/// </summary>
public sealed class BroadcastStreamer(ControllerBus bus, TimeProvider time)
{
    /// <summary>
    /// Publishes a whole program in real time: the packet starting at sample p leaves at epoch + p / 48 kHz,
    /// up to <paramref name="sendAhead"/> early.
    /// </summary>
    public async Task StreamAsync(IReadOnlyList<AudioPacket> packets, long epochUs, TimeSpan sendAhead, CancellationToken ct)
    {
        foreach (var packet in packets)
        {
            var dueUs = epochUs + (long)(packet.Position * 1_000_000UL / ProtocolVersion.SampleRate) - (long)sendAhead.TotalMicroseconds;
            var waitUs = dueUs - NowUs();
            if (waitUs > 0) await Task.Delay(TimeSpan.FromMicroseconds(waitUs), time, ct);
            await PublishAsync(packet, ct);
        }
    }

    /// <summary>Publishes one packet now (a live source paces itself).</summary>
    /// <exception cref="BusNotConnectedException">The controller's link to the broker is down.</exception>
    public Task PublishAsync(AudioPacket packet, CancellationToken ct) =>
        bus.PublishAsync(TopicTree.StreamAudio(packet.Stream), AudioPacketCodec.Encode(packet), MqttQualityOfServiceLevel.AtMostOnce, retain: false, ct);

    private long NowUs() => (time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
