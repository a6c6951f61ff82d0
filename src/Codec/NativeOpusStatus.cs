namespace InfoRadio.Codec;

/// <summary>Whether native libopus can be used in this process, and which file or why not.</summary>
public sealed record NativeOpusStatus
{
    public bool Available { get; private init; }

    /// <summary>The name the library was loaded by (e.g. <c>libopus.so.0</c>); null when unavailable.</summary>
    public string? LibraryName { get; private init; }

    /// <summary>The library's own version string (e.g. <c>libopus 1.3.1</c>); null when unavailable.</summary>
    public string? Version { get; private init; }

    /// <summary>Why native libopus cannot be used; null when it can.</summary>
    public string? Problem { get; private init; }

    internal static NativeOpusStatus Loaded(string libraryName, string version) =>
        new() { Available = true, LibraryName = libraryName, Version = version };

    internal static NativeOpusStatus Unavailable(string problem) => new() { Problem = problem };
}
