using InfoRadio.DeviceAgent.Playback;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Topics;
using MQTTnet.Protocol;

namespace InfoRadio.DeviceAgent.Tests.Support;

/// <summary>Publishes a stream's packets the way the controller paces them: each about when its position is on air, up to 200 ms ahead.</summary>
internal static class StreamPublisher
{
    public static async Task PaceAsync(TestBroker broker, IReadOnlyList<AudioPacket> packets, long epochUs, CancellationToken cancellationToken = default)
    {
        foreach (var packet in packets)
        {
            var sendAtUs = Timeline.SampleTimeUs(epochUs, 0, packet.Position) - 200_000;
            var waitUs = sendAtUs - DeviceAgent.Clock.DeviceTime.NowUs(TimeProvider.System);
            if (waitUs > 0) await Task.Delay(TimeSpan.FromMicroseconds(waitUs), cancellationToken);
            await broker.PublishAsync(TopicTree.StreamAudio(packet.Stream), AudioPacketCodec.Encode(packet), qos: MqttQualityOfServiceLevel.AtMostOnce);
        }
    }
}
