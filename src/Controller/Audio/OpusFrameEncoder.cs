using Concentus;
using Concentus.Enums;
using InfoRadio.Codec;

namespace InfoRadio.Controller.Audio;

/// <summary>Encodes 48 kHz mono float frames to Opus packets with Concentus. Not thread-safe.</summary>
public sealed class OpusFrameEncoder : IDisposable
{
    /// <summary>The largest Opus packet for one frame (RFC 6716), also the protocol's frame limit.</summary>
    public const int MaxFrameBytes = 1275;

    private readonly IOpusEncoder _encoder;
    private readonly byte[] _buffer = new byte[MaxFrameBytes];

    public OpusFrameEncoder(OpusEncoderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Validate() is { } problem) throw new ArgumentException(problem, nameof(settings));
        FrameSamples = settings.FrameSamples;
        var application = settings.Application == OpusApplicationType.Audio
            ? OpusApplication.OPUS_APPLICATION_AUDIO
            : OpusApplication.OPUS_APPLICATION_VOIP;
        _encoder = OpusCodecs.CreateEncoder(application, settings.UseNativeLibrary);
        _encoder.Bitrate = settings.BitrateBps;
        _encoder.Complexity = settings.Complexity;
        _encoder.UseInbandFEC = settings.UseInbandFec;
        _encoder.PacketLossPercent = settings.PacketLossPercent;
        _encoder.UseDTX = settings.UseDtx;
        Implementation = OpusCodecs.ImplementationOf(_encoder);
        ImplementationVersion = _encoder.GetVersionString();
    }

    public int FrameSamples { get; }

    public OpusImplementation Implementation { get; }

    /// <summary>e.g. "Concentus 2.1.2" or "libopus 1.3.1".</summary>
    public string ImplementationVersion { get; }

    /// <summary>Samples the decoded output lags the input by (the encoder's look-ahead).</summary>
    public int LookaheadSamples => _encoder.Lookahead;

    /// <summary>Encodes exactly <see cref="FrameSamples"/> samples and returns the packet as a new array.</summary>
    public byte[] Encode(ReadOnlySpan<float> frame)
    {
        var length = Encode(frame, _buffer);
        return _buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>Encodes exactly <see cref="FrameSamples"/> samples into <paramref name="destination"/>; returns the bytes written.</summary>
    public int Encode(ReadOnlySpan<float> frame, Span<byte> destination)
    {
        if (frame.Length != FrameSamples)
            throw new ArgumentException($"a frame is {FrameSamples} samples, got {frame.Length}", nameof(frame));
        return _encoder.Encode(frame, FrameSamples, destination, Math.Min(destination.Length, MaxFrameBytes));
    }

    /// <summary>Forgets the signal history, e.g. after a discontinuity in a live source.</summary>
    public void Reset() => _encoder.ResetState();

    public void Dispose() => _encoder.Dispose();
}
