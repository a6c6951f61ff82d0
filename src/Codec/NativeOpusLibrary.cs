using System.Reflection;
using System.Runtime.InteropServices;
using Concentus;
using Concentus.Enums;

namespace InfoRadio.Codec;

/// <summary>
/// Makes Concentus's own P/Invoke wrapper of libopus usable where the library is installed under its runtime name
/// only (Debian's libopus0 ships <c>libopus.so.0</c>, no <c>libopus.so</c>).
/// </summary>
/// <remarks>
/// Concentus 2.2.2 declares its imports as <c>[DllImport("opus")]</c>, which the runtime resolves to
/// <c>libopus.so</c> or <c>opus.so</c>, never to <c>libopus.so.0</c>. A DLL import resolver on the Concentus
/// assembly fixes the imports, but not the factory: <see cref="OpusCodecFactory"/> first probes with its own
/// <c>dlopen("libopus.so")</c>, bypassing the resolver, and settles on managed for the life of the process when that
/// fails. So the native wrappers (<c>Concentus.Native.NativeOpusEncoder/Decoder.Create</c>, public methods of
/// internal types in this pinned version) are bound by reflection once; if that binding or the library is missing,
/// the native path reports why and callers get the managed codec.
/// </remarks>
internal static class NativeOpusLibrary
{
    /// <summary>The name Concentus's <c>[DllImport]</c> declarations use.</summary>
    public const string ImportName = "opus";

    private static readonly Lazy<NativeOpusStatus> LazyStatus = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static IntPtr _handle;
    private static Func<int, int, OpusApplication, IOpusEncoder>? _createEncoder;
    private static Func<int, int, IOpusDecoder>? _createDecoder;

    public static NativeOpusStatus Status => LazyStatus.Value;

    /// <summary>
    /// File names tried in order: the plain names first (a libopus.so beside the binary or from a -dev package),
    /// then the names under which distributions install the runtime library.
    /// </summary>
    public static IReadOnlyList<string> CandidateNames { get; } =
        OperatingSystem.IsWindows() ? ["opus", "libopus-0.dll"]
        : OperatingSystem.IsMacOS() ? ["opus", "libopus.0.dylib"]
        : ["opus", "libopus.so", "libopus.so.0"];

    /// <summary>Null when <see cref="Status"/> is not available.</summary>
    public static IOpusEncoder? TryCreateEncoder(int sampleRate, int channels, OpusApplication application) =>
        Status.Available ? _createEncoder!(sampleRate, channels, application) : null;

    public static IOpusDecoder? TryCreateDecoder(int sampleRate, int channels) =>
        Status.Available ? _createDecoder!(sampleRate, channels) : null;

    /// <summary>
    /// Whether a libopus loads under one of <paramref name="names"/>, with its version; binds nothing and changes
    /// nothing in the process (the library is released again).
    /// </summary>
    public static NativeOpusStatus Probe(IReadOnlyList<string> names)
    {
        if (TryLoad(names, out var handle, out var loadedName) is { } problem) return NativeOpusStatus.Unavailable(problem);
        try
        {
            return ReadVersion(handle) is { } version
                ? NativeOpusStatus.Loaded(loadedName!, version)
                : NativeOpusStatus.Unavailable($"{loadedName} has no opus_get_version_string: not libopus");
        }
        finally
        {
            NativeLibrary.Free(handle);
        }
    }

    private static NativeOpusStatus Load()
    {
        var concentus = typeof(OpusCodecFactory).Assembly;
        if (TryLoad(CandidateNames, out _handle, out var loadedName) is { } problem) return NativeOpusStatus.Unavailable(problem);
        if (ReadVersion(_handle) is null) return NativeOpusStatus.Unavailable($"{loadedName} has no opus_get_version_string: not libopus");

        try
        {
            NativeLibrary.SetDllImportResolver(concentus, Resolve);
        }
        catch (InvalidOperationException)
        {
            // Someone else (the host application) already resolves Concentus's imports; their mapping stands.
        }

        if (Bind(concentus) is { } bindProblem) return NativeOpusStatus.Unavailable(bindProblem);
        try
        {
            // One real codec pair proves the imports bind to a working library before anyone relies on it.
            using var decoder = _createDecoder!(48_000, 1);
            using var encoder = _createEncoder!(48_000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
            return NativeOpusStatus.Loaded(loadedName!, decoder.GetVersionString());
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or OpusException or BadImageFormatException)
        {
            return NativeOpusStatus.Unavailable($"{loadedName} loaded but Concentus could not use it: {FirstLine(ex.Message)}");
        }
    }

    /// <summary>Null when one of <paramref name="names"/> loaded, else what failed for each.</summary>
    private static string? TryLoad(IReadOnlyList<string> names, out IntPtr handle, out string? loadedName)
    {
        var failures = new List<string>();
        foreach (var name in names)
        {
            try
            {
                handle = NativeLibrary.Load(name, typeof(NativeOpusLibrary).Assembly,
                    DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory);
                loadedName = name;
                return null;
            }
            catch (DllNotFoundException ex)
            {
                failures.Add($"{name}: {FirstLine(ex.Message)}");
            }
            catch (BadImageFormatException ex)
            {
                failures.Add($"{name}: {FirstLine(ex.Message)}");
            }
        }
        handle = IntPtr.Zero;
        loadedName = null;
        return "no native libopus could be loaded (tried " + string.Join("; ", failures) + ")";
    }

    private static string? ReadVersion(IntPtr handle)
    {
        if (!NativeLibrary.TryGetExport(handle, "opus_get_version_string", out var export)) return null;
        return Marshal.PtrToStringUTF8(Marshal.GetDelegateForFunctionPointer<VersionString>(export)());
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr VersionString();

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == ImportName ? _handle : IntPtr.Zero;

    private static string? Bind(Assembly concentus)
    {
        // Literal assembly-qualified names, so that trimming (and Native AOT) sees which members are used and keeps them.
        var encoderType = Type.GetType("Concentus.Native.NativeOpusEncoder, Concentus", throwOnError: false);
        var decoderType = Type.GetType("Concentus.Native.NativeOpusDecoder, Concentus", throwOnError: false);
        var createEncoder = encoderType?.GetMethod("Create", BindingFlags.Public | BindingFlags.Static,
            [typeof(int), typeof(int), typeof(OpusApplication)]);
        var createDecoder = decoderType?.GetMethod("Create", BindingFlags.Public | BindingFlags.Static, [typeof(int), typeof(int)]);
        if (createEncoder is null || createDecoder is null)
            return $"this Concentus ({concentus.GetName().Version}) has no native wrapper where version 2.2.2 has it";
        try
        {
            _createEncoder = createEncoder.CreateDelegate<Func<int, int, OpusApplication, IOpusEncoder>>();
            _createDecoder = createDecoder.CreateDelegate<Func<int, int, IOpusDecoder>>();
            return null;
        }
        catch (ArgumentException ex)
        {
            return $"Concentus's native wrapper has an unexpected shape: {ex.Message}";
        }
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? message : message[..newline]).Trim();
    }
}
