using System.Buffers;
using System.Collections.Concurrent;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>
/// When the samples of each stream on air sound: its session's epoch and latency, from the announcement until the
/// broadcast ends (<see cref="BroadcastService"/>). The embedded broker asks it, as each audio packet leaves for a
/// listener, whether the packet's time has wholly passed: such a packet can no longer sound anywhere, and a listener
/// that fell behind (a burst of connections, a starved box) gets the current audio sooner without it. Thread-safe.
/// </summary>
public sealed class StreamDeadlines(TimeProvider time)
{
    private readonly ConcurrentDictionary<uint, Timing> _streams = new();

    private readonly record struct Timing(long EpochUs, int LatencyMs);

    /// <summary>Streams whose timing is known.</summary>
    public int Count => _streams.Count;

    public void Open(uint stream, long epochUs, int latencyMs) => _streams[stream] = new Timing(epochUs, latencyMs);

    public void Close(uint stream) => _streams.TryRemove(stream, out _);

    /// <summary>
    /// Controller time (unix µs) at which the last sample of the audio packet <paramref name="payload"/> sounds; null
    /// when it is not an audio packet of a stream on air, or when it carries more than samples: the end of the stream
    /// (a speaker finishes the session on it, however late) or a reset of the decoder.
    /// </summary>
    public long? LastSampleUs(in ReadOnlySequence<byte> payload)
    {
        Span<byte> copy = stackalloc byte[AudioPacketCodec.HeaderSize];
        scoped ReadOnlySpan<byte> header;
        if (payload.FirstSpan.Length >= AudioPacketCodec.HeaderSize) header = payload.FirstSpan;
        else if (payload.Length >= AudioPacketCodec.HeaderSize)
        {
            payload.Slice(0, AudioPacketCodec.HeaderSize).CopyTo(copy);
            header = copy;
        }
        else return null;
        if (!AudioPacketCodec.TryReadSpan(header, out var stream, out var flags, out var endPosition)
            || (flags & (AudioPacketFlags.End | AudioPacketFlags.Discontinuity)) != 0
            || !_streams.TryGetValue(stream, out var timing)) return null;
        // The last sample is the one before endPosition.
        return SessionInfo.SoundsAtUs(timing.EpochUs, timing.LatencyMs, endPosition > 0 ? endPosition - 1 : 0);
    }

    /// <summary>True when <paramref name="payload"/> is an audio packet of a stream on air all of whose samples have sounded.</summary>
    public bool IsPast(in ReadOnlySequence<byte> payload) =>
        LastSampleUs(payload) is { } lastUs && lastUs < (time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
