using Concentus;
using Concentus.Enums;

namespace InfoRadio.Controller.Audio;

/// <summary>
/// Creates Concentus codecs with the native-library choice made explicitly. Concentus keeps that choice in one
/// static flag, so setting it and creating the codec happen under one lock.
/// </summary>
public static class OpusCodecCreation
{
    public const int SampleRate = 48_000;
    private static readonly Lock Gate = new();

    public static IOpusEncoder CreateEncoder(OpusApplication application, bool useNativeLibrary)
    {
        lock (Gate)
        {
            OpusCodecFactory.AttemptToUseNativeLibrary = useNativeLibrary;
            return OpusCodecFactory.CreateEncoder(SampleRate, 1, application);
        }
    }

    public static IOpusDecoder CreateDecoder(bool useNativeLibrary)
    {
        lock (Gate)
        {
            OpusCodecFactory.AttemptToUseNativeLibrary = useNativeLibrary;
            return OpusCodecFactory.CreateDecoder(SampleRate, 1);
        }
    }

    /// <summary>The managed types live in Concentus.Structs; anything else is the native wrapper.</summary>
    public static OpusImplementation ImplementationOf(IOpusEncoder encoder) =>
        encoder is Concentus.Structs.OpusEncoder ? OpusImplementation.Managed : OpusImplementation.Native;

    public static OpusImplementation ImplementationOf(IOpusDecoder decoder) =>
        decoder is Concentus.Structs.OpusDecoder ? OpusImplementation.Managed : OpusImplementation.Native;
}
