namespace InfoRadio.Codec;

/// <summary>What a component asked for and what it gets from <see cref="OpusCodecs"/>.</summary>
/// <param name="NativeRequested">The configuration asked for native libopus.</param>
/// <param name="Implementation">What the codecs created with the same request are.</param>
/// <param name="Version">Version string of that implementation, e.g. "libopus 1.3.1" or "Concentus 2.1.2".</param>
/// <param name="LibraryName">The native library's file name, when native.</param>
/// <param name="FallbackReason">Why native was asked for but managed is used; null otherwise.</param>
public sealed record OpusCodecChoice(
    bool NativeRequested,
    OpusImplementation Implementation,
    string Version,
    string? LibraryName,
    string? FallbackReason);
