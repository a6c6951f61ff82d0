using System.Threading.Channels;
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
    /// Publishes a program's packets in real time as <paramref name="packets"/> yields them (the encoder runs ahead):
    /// the packet starting at sample p leaves at epoch + p / 48 kHz, up to <paramref name="sendAhead"/> early.
    /// Returns the end position of the last packet sent (0 when none).
    /// </summary>
    public async Task<ulong> StreamAsync(ChannelReader<AudioPacket> packets, long epochUs, TimeSpan sendAhead, CancellationToken ct)
    {
        var end = 0UL;
        while (await packets.WaitToReadAsync(ct))
        {
            while (packets.TryRead(out var packet))
            {
                await WaitUntilDueAsync(packet, epochUs, sendAhead, ct);
                await PublishAsync(packet, ct);
                end = packet.EndPosition;
            }
        }
        return end;
    }

    /// <summary>Publishes one packet now (a live source paces itself).</summary>
    /// <exception cref="BusNotConnectedException">The controller's link to the broker is down.</exception>
    public Task PublishAsync(AudioPacket packet, CancellationToken ct) =>
        bus.PublishAsync(TopicTree.StreamAudio(packet.Stream), AudioPacketCodec.Encode(packet), MqttQualityOfServiceLevel.AtMostOnce, retain: false, ct);

    private async Task WaitUntilDueAsync(AudioPacket packet, long epochUs, TimeSpan sendAhead, CancellationToken ct)
    {
        var dueUs = epochUs + (long)(packet.Position * 1_000_000UL / ProtocolVersion.SampleRate) - (long)sendAhead.TotalMicroseconds;
        var waitUs = dueUs - NowUs();
        if (waitUs > 0) await Task.Delay(TimeSpan.FromMicroseconds(waitUs), time, ct);
    }

    private long NowUs() => (time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
