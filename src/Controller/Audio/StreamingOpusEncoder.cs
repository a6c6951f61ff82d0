using InfoRadio.Codec;
using InfoRadio.Protocol.Audio;

namespace InfoRadio.Controller.Audio;

/// <summary>
/// Encodes a 48 kHz mono signal that arrives in chunks of any size (a live source, or a file read block by block)
/// into the protocol's audio packets, as soon as each packet is full. Not thread-safe.
/// </summary>
public sealed class StreamingOpusEncoder : IDisposable
{
    private readonly OpusFrameEncoder _encoder;
    private readonly AudioPacketizer _packetizer;
    private readonly float[] _frame;
    private int _filled;

    public StreamingOpusEncoder(OpusEncoderSettings settings, uint streamId, int framesPerPacket, ulong startPosition = 0)
    {
        _encoder = new OpusFrameEncoder(settings);
        try
        {
            _packetizer = new AudioPacketizer(streamId, _encoder.FrameSamples, framesPerPacket, startPosition);
        }
        catch
        {
            _encoder.Dispose();
            throw;
        }
        _frame = new float[_encoder.FrameSamples];
    }

    public OpusImplementation Implementation => _encoder.Implementation;
    public string ImplementationVersion => _encoder.ImplementationVersion;
    public int FrameSamples => _encoder.FrameSamples;

    /// <summary>Timeline position after the samples written so far (encoded or waiting for a full frame).</summary>
    public ulong Position => _packetizer.Position + (ulong)_filled;

    public bool IsCompleted => _packetizer.IsCompleted;

    /// <summary>Takes the next samples; returns the packets that became full (often none).</summary>
    public IReadOnlyList<AudioPacket> Write(ReadOnlySpan<float> samples)
    {
        if (IsCompleted) throw new InvalidOperationException("the stream is complete");
        List<AudioPacket>? packets = null;
        while (!samples.IsEmpty)
        {
            var take = Math.Min(samples.Length, _frame.Length - _filled);
            samples[..take].CopyTo(_frame.AsSpan(_filled));
            _filled += take;
            samples = samples[take..];
            if (_filled < _frame.Length) break;
            _filled = 0;
            if (_packetizer.Append(_encoder.Encode(_frame)) is { } packet) (packets ??= []).Add(packet);
        }
        return packets ?? (IReadOnlyList<AudioPacket>)[];
    }

    /// <summary>
    /// Ends the stream: a partial last frame is padded with silence, and the last packet carries the End flag
    /// (with no frame when the previous packet was just full). Its EndPosition is the padded length.
    /// </summary>
    public IReadOnlyList<AudioPacket> Complete()
    {
        if (IsCompleted) throw new InvalidOperationException("the stream is complete");
        if (_filled == 0) return _packetizer.Complete();
        _frame.AsSpan(_filled).Clear();
        _filled = 0;
        return _packetizer.Complete([_encoder.Encode(_frame)]);
    }

    public void Dispose() => _encoder.Dispose();
}
