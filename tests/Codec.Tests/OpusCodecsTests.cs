using Concentus;
using Concentus.Enums;
using Microsoft.Extensions.Logging;

namespace InfoRadio.Codec.Tests;

/// <summary>
/// The native path needs libopus installed (Debian: libopus0, which scripts/test.sh installs). These tests fail, not
/// skip, without it: a box that should encode natively and silently does not is exactly what they guard against.
/// </summary>
public sealed class OpusCodecsTests
{
    private static readonly float[] Voice = VoicedSignal.Generate(48_000 * 3);

    [Fact]
    public void Native_libopus_is_found_under_its_runtime_name()
    {
        var native = OpusCodecs.Native;

        Assert.True(native.Available, native.Problem);
        Assert.StartsWith("libopus ", native.Version);
        Assert.Contains(native.LibraryName, NativeOpusLibrary.CandidateNames);
        Assert.Null(native.Problem);
    }

    [Fact]
    public void The_request_decides_the_implementation()
    {
        using var nativeEncoder = OpusCodecs.CreateEncoder(OpusApplication.OPUS_APPLICATION_VOIP, useNativeLibrary: true);
        using var nativeDecoder = OpusCodecs.CreateDecoder(useNativeLibrary: true);
        using var managedEncoder = OpusCodecs.CreateEncoder(OpusApplication.OPUS_APPLICATION_VOIP, useNativeLibrary: false);
        using var managedDecoder = OpusCodecs.CreateDecoder(useNativeLibrary: false);

        Assert.Equal(OpusImplementation.Native, OpusCodecs.ImplementationOf(nativeEncoder));
        Assert.Equal(OpusImplementation.Native, OpusCodecs.ImplementationOf(nativeDecoder));
        Assert.StartsWith("libopus", nativeEncoder.GetVersionString());
        Assert.Equal(OpusImplementation.Managed, OpusCodecs.ImplementationOf(managedEncoder));
        Assert.Equal(OpusImplementation.Managed, OpusCodecs.ImplementationOf(managedDecoder));
        Assert.StartsWith("Concentus", managedDecoder.GetVersionString());
    }

    [Fact]
    public void Choose_reports_native_when_asked_and_available_and_managed_otherwise()
    {
        var native = OpusCodecs.Choose(useNativeLibrary: true);
        var managed = OpusCodecs.Choose(useNativeLibrary: false);

        Assert.Equal((true, OpusImplementation.Native, null), (native.NativeRequested, native.Implementation, native.FallbackReason));
        Assert.Equal(OpusCodecs.Native.Version, native.Version);
        Assert.Equal((false, OpusImplementation.Managed, null, null), (managed.NativeRequested, managed.Implementation, managed.LibraryName, managed.FallbackReason));
        Assert.StartsWith("Concentus", managed.Version);
    }

    [Fact]
    public void Managed_asked_for_never_loads_the_native_library()
    {
        var choice = OpusCodecs.Choose(useNativeLibrary: false, () => throw new InvalidOperationException("probed"));
        Assert.Equal(OpusImplementation.Managed, choice.Implementation);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Speech_round_trips_through_every_pairing_of_encoder_and_decoder(bool nativeEncoder, bool nativeDecoder)
    {
        using var encoder = OpusCodecs.CreateEncoder(OpusApplication.OPUS_APPLICATION_VOIP, nativeEncoder);
        encoder.Bitrate = 32_000;
        encoder.Complexity = 10;
        using var decoder = OpusCodecs.CreateDecoder(nativeDecoder);

        var decoded = RoundTrip(encoder, decoder, Voice);

        // Opus delays its output by about the encoder's look-ahead (6.5 ms at 48 kHz; SILK's resampler shifts it a little).
        var (lag, correlation) = Enumerable.Range(encoder.Lookahead - 48, 97)
            .Select(l => (l, VoicedSignal.Correlation(Voice.AsSpan(0, Voice.Length - l), decoded.AsSpan(l))))
            .MaxBy(x => x.Item2);
        Assert.True(correlation > 0.9, $"correlation {correlation:F3} at lag {lag}");
    }

    [Fact]
    public void Native_and_managed_encoders_spend_the_same_bitrate()
    {
        int Bytes(bool native)
        {
            using var encoder = OpusCodecs.CreateEncoder(OpusApplication.OPUS_APPLICATION_VOIP, native);
            encoder.Bitrate = 32_000;
            var packet = new byte[1275];
            var total = 0;
            for (var offset = 0; offset + 960 <= Voice.Length; offset += 960)
                total += encoder.Encode(Voice.AsSpan(offset, 960), 960, packet, packet.Length);
            return total;
        }

        var native = Bytes(true) * 8 / 3.0;
        var managed = Bytes(false) * 8 / 3.0;
        Assert.InRange(native, 20_000, 40_000);
        Assert.InRange(managed, 20_000, 40_000);
    }

    [Fact]
    public void A_missing_library_is_reported_with_every_name_tried()
    {
        var status = NativeOpusLibrary.Probe(["inforadio-no-such-opus", "libinforadio-no-such-opus.so.9"]);

        Assert.False(status.Available);
        Assert.Null(status.Version);
        Assert.Contains("inforadio-no-such-opus", status.Problem);
        Assert.Contains("libinforadio-no-such-opus.so.9", status.Problem);
    }

    [Fact]
    public void A_fallback_to_managed_is_a_warning_that_says_why_and_what_to_install()
    {
        var logger = new ListLogger();
        var choice = OpusCodecs.Choose(useNativeLibrary: true, () => NativeOpusLibrary.Probe(["inforadio-no-such-opus"]));

        OpusCodecLog.ReportChoice(logger, "decoder", "Agent:UseNativeOpus", choice);

        Assert.Equal((OpusImplementation.Managed, true), (choice.Implementation, choice.NativeRequested));
        Assert.Contains("inforadio-no-such-opus", choice.FallbackReason);
        var (level, message) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains("Agent:UseNativeOpus asks for native libopus", message);
        Assert.Contains("using managed Concentus", message);
        Assert.Contains("libopus0", message);
    }

    [Theory]
    [InlineData(true, LogLevel.Information, "native libopus")]
    [InlineData(false, LogLevel.Information, "managed Concentus")]
    public void The_start_up_line_names_the_implementation_and_its_version(bool native, LogLevel level, string expected)
    {
        var logger = new ListLogger();

        var choice = OpusCodecLog.ReportChoice(logger, "encoder", "Audio:Opus:UseNativeLibrary", native);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(level, entry.Level);
        Assert.Contains(expected, entry.Message);
        Assert.Contains(choice.Version, entry.Message);
    }

    private static float[] RoundTrip(IOpusEncoder encoder, IOpusDecoder decoder, float[] signal)
    {
        var output = new float[signal.Length];
        var packet = new byte[1275];
        for (var offset = 0; offset + 960 <= signal.Length; offset += 960)
        {
            var length = encoder.Encode(signal.AsSpan(offset, 960), 960, packet, packet.Length);
            Assert.Equal(960, decoder.Decode(packet.AsSpan(0, length), output.AsSpan(offset, 960), 960, false));
        }
        return output;
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
