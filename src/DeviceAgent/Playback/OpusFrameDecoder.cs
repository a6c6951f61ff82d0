using Concentus;
using InfoRadio.Codec;
using InfoRadio.Protocol;
using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent.Playback;

/// <summary>
/// Decodes the Opus frames of one session to 48 kHz mono PCM. Whatever it is fed, it produces exactly the
/// requested number of samples: frames that are lost, too short to be audio (≤ 1 byte: DTX), undecodable or of
/// the wrong duration are replaced by Opus packet loss concealment, or by the next frame's in-band FEC where the
/// caller has it (<see cref="Recover"/>). Managed or native libopus as configured (<see cref="OpusCodecs"/>).
/// Not thread-safe.
/// </summary>
internal sealed partial class OpusFrameDecoder : IDisposable
{
    /// <summary>Longest Opus packet: 120 ms at 48 kHz.</summary>
    private const int MaxFrameSamples = 5760;

    private readonly IOpusDecoder _decoder;
    private readonly ILogger _logger;
    private readonly short[] _scratch = new short[MaxFrameSamples];

    public OpusFrameDecoder(bool useNativeLibrary, ILogger logger)
    {
        _logger = logger;
        _decoder = OpusCodecs.CreateDecoder(useNativeLibrary);
        Implementation = _decoder.GetVersionString();
        LogCreated(logger, Implementation, useNativeLibrary);
    }

    /// <summary>Version string of the library doing the work (managed Concentus or a native libopus).</summary>
    public string Implementation { get; }

    public long Decoded { get; private set; }
    public long Concealed { get; private set; }

    /// <summary>Lost frames decoded from the next frame (its in-band FEC, or Opus's concealment where it has none).</summary>
    public long Recovered { get; private set; }
    public long Errors { get; private set; }

    /// <summary>
    /// Decodes <paramref name="frame"/> into <paramref name="pcm"/> (whose length is the frame duration); returns
    /// false when concealment stood in for it.
    /// </summary>
    public bool Decode(ReadOnlySpan<byte> frame, Span<short> pcm)
    {
        if (frame.Length <= 1)
        {
            // Concentus' managed decoder throws on a 1-byte DTX packet mid-stream; it carries no audio anyway.
            Conceal(pcm);
            return false;
        }
        if (!TryDecode(frame, pcm, fec: false)) return false;
        Decoded++;
        return true;
    }

    /// <summary>
    /// Stands in for a lost frame using the in-band FEC (a low-bitrate copy of the previous frame) carried by
    /// <paramref name="next"/>, the frame after the lost one, which must still be decoded normally afterwards.
    /// Where <paramref name="next"/> carries no FEC the Opus decoder conceals by itself; where it cannot be used at
    /// all (DTX, undecodable) this is plain concealment. Returns true when the decoder was given the next frame.
    /// </summary>
    public bool Recover(ReadOnlySpan<byte> next, Span<short> pcm)
    {
        // FEC decodes whole multiples of 2.5 ms only.
        if (next.Length <= 1 || pcm.Length % (ProtocolVersion.SampleRate / 400) != 0 || pcm.Length > MaxFrameSamples)
        {
            Conceal(pcm);
            return false;
        }
        if (!TryDecode(next, pcm, fec: true)) return false;
        Recovered++;
        return true;
    }

    /// <summary>
    /// Decodes <paramref name="packet"/> (its FEC part when <paramref name="fec"/>) to exactly <paramref name="pcm"/>'s
    /// length; anything else (an exception, another duration) is counted, logged and concealed, and gives false.
    /// </summary>
    private bool TryDecode(ReadOnlySpan<byte> packet, Span<short> pcm, bool fec)
    {
        int samples;
        try
        {
            // Normal decoding takes the packet's own duration; FEC must be told the lost frame's.
            samples = _decoder.Decode(packet, _scratch, fec ? pcm.Length : MaxFrameSamples, fec);
        }
        catch (Exception ex) when (ex is OpusException or ArgumentException or IndexOutOfRangeException)
        {
            Errors++;
            LogDecodeFailed(_logger, packet.Length, ex.Message);
            Conceal(pcm);
            return false;
        }
        if (samples != pcm.Length)
        {
            // A frame of another duration would shift every later sample off the timeline.
            Errors++;
            LogWrongDuration(_logger, samples, pcm.Length);
            Conceal(pcm);
            return false;
        }
        _scratch.AsSpan(0, samples).CopyTo(pcm);
        return true;
    }

    /// <summary>Fills <paramref name="pcm"/> with packet loss concealment (silence where Opus cannot conceal).</summary>
    public void Conceal(Span<short> pcm)
    {
        Concealed++;
        // Opus conceals whole multiples of 10 ms only.
        if (pcm.Length % (ProtocolVersion.SampleRate / 100) != 0 || pcm.Length > MaxFrameSamples)
        {
            pcm.Clear();
            return;
        }
        try
        {
            var samples = _decoder.Decode(ReadOnlySpan<byte>.Empty, _scratch, pcm.Length, false);
            _scratch.AsSpan(0, Math.Min(samples, pcm.Length)).CopyTo(pcm);
            if (samples < pcm.Length) pcm[samples..].Clear();
        }
        catch (Exception ex) when (ex is OpusException or ArgumentException or IndexOutOfRangeException)
        {
            Errors++;
            LogDecodeFailed(_logger, 0, ex.Message);
            pcm.Clear();
        }
    }

    /// <summary>Starts over, e.g. at a discontinuity where the sender restarted its encoder.</summary>
    public void Reset() => _decoder.ResetState();

    public void Dispose() => _decoder.Dispose();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Opus decoder: {Implementation} (native libopus asked for: {NativeRequested})")]
    private static partial void LogCreated(ILogger logger, string implementation, bool nativeRequested);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Opus frame of {Bytes} bytes could not be decoded ({Reason}); concealed")]
    private static partial void LogDecodeFailed(ILogger logger, int bytes, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Opus frame decoded to {Samples} samples instead of {Expected}; concealed")]
    private static partial void LogWrongDuration(ILogger logger, int samples, int expected);
}
