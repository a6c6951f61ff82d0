using Concentus;
using Concentus.Enums;
using Concentus.Structs;

namespace InfoRadio.Codec;

/// <summary>
/// Creates the 48 kHz mono Opus encoders and decoders of InfoRadio, managed (Concentus's C# port) or native (libopus
/// through Concentus's P/Invoke wrapper) exactly as asked: never Concentus's process-wide
/// <see cref="OpusCodecFactory.AttemptToUseNativeLibrary"/> flag, which switches to native silently when a
/// <c>libopus.so</c> happens to be installed. Native asked for but not loadable gives managed;
/// <see cref="Choose"/> says so, and <see cref="OpusCodecLog.ReportChoice"/> logs it as a warning.
/// </summary>
public static class OpusCodecs
{
    public const int SampleRate = 48_000;
    public const int Channels = 1;

    private static readonly Lazy<string> ManagedVersionLazy = new(() =>
    {
        using var decoder = CreateManagedDecoder();
        return decoder.GetVersionString();
    });

    /// <summary>Whether native libopus is usable here (probed once per process, on first use).</summary>
    public static NativeOpusStatus Native => NativeOpusLibrary.Status;

    /// <summary>Version string of the managed codec, e.g. "Concentus 2.1.2" (what Concentus 2.2.2 reports).</summary>
    public static string ManagedVersion => ManagedVersionLazy.Value;

    /// <summary>What <see cref="CreateEncoder"/> and <see cref="CreateDecoder"/> give for this request.</summary>
    public static OpusCodecChoice Choose(bool useNativeLibrary) => Choose(useNativeLibrary, () => Native);

    /// <param name="native">Asked only when native is requested: probing loads the library.</param>
    internal static OpusCodecChoice Choose(bool useNativeLibrary, Func<NativeOpusStatus> native)
    {
        if (!useNativeLibrary) return new OpusCodecChoice(false, OpusImplementation.Managed, ManagedVersion, null, null);
        var status = native();
        return status.Available
            ? new OpusCodecChoice(true, OpusImplementation.Native, status.Version!, status.LibraryName, null)
            : new OpusCodecChoice(true, OpusImplementation.Managed, ManagedVersion, null, status.Problem);
    }

    public static IOpusEncoder CreateEncoder(OpusApplication application, bool useNativeLibrary)
    {
        if (useNativeLibrary && NativeOpusLibrary.TryCreateEncoder(SampleRate, Channels, application) is { } native) return native;
#pragma warning disable CS0618 // Concentus steers users to its factory; the factory's native probing is what is avoided here.
        return new OpusEncoder(SampleRate, Channels, application);
#pragma warning restore CS0618
    }

    public static IOpusDecoder CreateDecoder(bool useNativeLibrary)
    {
        if (useNativeLibrary && NativeOpusLibrary.TryCreateDecoder(SampleRate, Channels) is { } native) return native;
        return CreateManagedDecoder();
    }

    /// <summary>The managed types live in Concentus.Structs; anything else is the native wrapper.</summary>
    public static OpusImplementation ImplementationOf(IOpusEncoder encoder) =>
        encoder is OpusEncoder ? OpusImplementation.Managed : OpusImplementation.Native;

    public static OpusImplementation ImplementationOf(IOpusDecoder decoder) =>
        decoder is OpusDecoder ? OpusImplementation.Managed : OpusImplementation.Native;

#pragma warning disable CS0618
    private static OpusDecoder CreateManagedDecoder() => new(SampleRate, Channels);
#pragma warning restore CS0618
}
