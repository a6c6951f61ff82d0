using System.Threading.Channels;
using InfoRadio.Controller.Messaging;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Topics;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>
/// Publishes a stream's packets. Audio is QoS 0: a late packet is worthless, and the broker fans it out. Only the
/// stream's head (<see cref="StreamHead"/>) is retained, and only until its audio has sounded.
/// </summary>
public sealed partial class BroadcastStreamer(ControllerBus bus, TimeProvider time, ILogger<BroadcastStreamer> logger)
{
    /// <summary>
    /// Publishes a program's packets in real time as <paramref name="packets"/> yields them (the encoder runs ahead):
    /// the packet starting at sample p leaves at epoch + p / 48 kHz, up to the send-ahead early. The first
    /// <see cref="StreamPacing.HeadFrames"/> frames leave at once as the retained head (as many as are ready by the
    /// first packet's time); the head is deleted once it has sounded, so a short stream returns only then. Returns the
    /// end position of the last packet sent (0 when none).
    /// </summary>
    public async Task<ulong> StreamAsync(ChannelReader<AudioPacket> packets, StreamPacing pacing, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(packets);
        ArgumentNullException.ThrowIfNull(pacing);
        var end = 0UL;
        uint? retainedHead = null;
        ulong clearHeadAt = 0;
        try
        {
            AudioPacket? carried = null;
            if (pacing.HeadFrames > 0)
            {
                var (head, next) = await TakeHeadAsync(packets, pacing, ct);
                carried = next;
                if (head is not null)
                {
                    await bus.PublishAsync(TopicTree.StreamAudio(head.Stream), AudioPacketCodec.Encode(head), MqttQualityOfServiceLevel.AtMostOnce, retain: true, ct);
                    retainedHead = head.Stream;
                    end = head.EndPosition;
                    // Useful to a subscriber while any of its samples is still to sound; the check is made as packets leave.
                    clearHeadAt = head.EndPosition + (ulong)((pacing.LatencyMs + pacing.SendAhead.TotalMilliseconds) * ProtocolVersion.SampleRate / 1000);
                }
            }
            while (true)
            {
                if (carried is null)
                {
                    if (!await packets.WaitToReadAsync(ct)) break;
                    if (!packets.TryRead(out carried)) continue;
                }
                var packet = carried;
                carried = null;
                await WaitUntilDueAsync(packet, pacing, ct);
                await PublishAsync(packet, ct);
                end = packet.EndPosition;
                if (retainedHead is { } stream && packet.Position >= clearHeadAt)
                {
                    await ClearHeadAsync(stream, ct);
                    retainedHead = null;
                }
            }
            if (retainedHead is { } shortStream)
            {
                // A stream that ended within its head (or just after it) was sent ahead of time: its head must stay for
                // late subscribers until it has sounded, as it would have for a longer one.
                await WaitUntilDueAsync(clearHeadAt, pacing, ct);
                await ClearHeadAsync(shortStream, ct);
                retainedHead = null;
            }
        }
        finally
        {
            if (retainedHead is { } stream)
            {
                try { await ClearHeadAsync(stream, CancellationToken.None); }
                catch (Exception ex) { LogHeadNotCleared(stream, ex.Message); }
            }
        }
        return end;
    }

    /// <summary>Publishes one packet now (a live source paces itself).</summary>
    /// <exception cref="BusNotConnectedException">The controller's link to the broker is down.</exception>
    public Task PublishAsync(AudioPacket packet, CancellationToken ct) =>
        bus.PublishAsync(TopicTree.StreamAudio(packet.Stream), AudioPacketCodec.Encode(packet), MqttQualityOfServiceLevel.AtMostOnce, retain: false, ct);

    /// <summary>
    /// Takes whole packets for the head until it holds <see cref="StreamPacing.HeadFrames"/> frames, the stream ends,
    /// or the first packet's time comes (a real-time source may not have a second ready); returns the head (null when
    /// the stream is empty) and the packet taken that did not fit, if any.
    /// </summary>
    private async Task<(AudioPacket? Head, AudioPacket? Next)> TakeHeadAsync(ChannelReader<AudioPacket> packets, StreamPacing pacing, CancellationToken ct)
    {
        var taken = new List<AudioPacket>();
        var frames = 0;
        var firstDueUs = pacing.EpochUs - (long)pacing.SendAhead.TotalMicroseconds;
        while (true)
        {
            if (packets.TryRead(out var packet))
            {
                if (frames + packet.Frames.Count > pacing.HeadFrames && taken.Count > 0) return (StreamHead.Merge(taken), packet);
                taken.Add(packet);
                frames += packet.Frames.Count;
                if (packet.IsEnd || frames >= pacing.HeadFrames) return (StreamHead.Merge(taken), null);
                continue;
            }
            var waitUs = firstDueUs - NowUs();
            if (taken.Count > 0 && waitUs <= 0) return (StreamHead.Merge(taken), null);
            if (taken.Count == 0)
            {
                if (!await packets.WaitToReadAsync(ct)) return (null, null);
                continue;
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var more = packets.WaitToReadAsync(timeout.Token).AsTask();
            var due = Task.Delay(TimeSpan.FromMicroseconds(waitUs), time, timeout.Token);
            var first = await Task.WhenAny(more, due);
            await timeout.CancelAsync();
            ct.ThrowIfCancellationRequested();
            if (first == more && !await more) return (StreamHead.Merge(taken), null);
        }
    }

    /// <summary>An empty retained message deletes the head; subscribers ignore it.</summary>
    private Task ClearHeadAsync(uint stream, CancellationToken ct) =>
        bus.PublishAsync(TopicTree.StreamAudio(stream), ReadOnlyMemory<byte>.Empty, MqttQualityOfServiceLevel.AtMostOnce, retain: true, ct);

    private Task WaitUntilDueAsync(AudioPacket packet, StreamPacing pacing, CancellationToken ct) => WaitUntilDueAsync(packet.Position, pacing, ct);

    /// <summary>Waits until a packet starting at <paramref name="position"/> may leave.</summary>
    private async Task WaitUntilDueAsync(ulong position, StreamPacing pacing, CancellationToken ct)
    {
        var dueUs = pacing.EpochUs + (long)(position * 1_000_000UL / ProtocolVersion.SampleRate) - (long)pacing.SendAhead.TotalMicroseconds;
        var waitUs = dueUs - NowUs();
        if (waitUs > 0) await Task.Delay(TimeSpan.FromMicroseconds(waitUs), time, ct);
    }

    private long NowUs() => (time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retained head of stream {Stream} could not be cleared: {Reason}; a late subscriber gets stale audio it drops as late")]
    private partial void LogHeadNotCleared(uint stream, string reason);
}
