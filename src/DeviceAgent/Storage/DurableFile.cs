namespace InfoRadio.DeviceAgent.Storage;

/// <summary>
/// Replaces a small state file so that a power cut leaves the old content or the new one, never a torn or empty file:
/// the content goes to a temporary file, flushed to the disk, which is then renamed over the old one.
/// </summary>
internal static class DurableFile
{
    /// <summary>
    /// A state file's bytes; null when there is none, or when it cannot be read (<paramref name="problem"/> says why).
    /// </summary>
    public static byte[]? Read(string path, out string? problem)
    {
        problem = null;
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = ex.Message;
            return null;
        }
    }

    /// <param name="unixMode">Permissions of the file on Unix (e.g. owner read/write for secrets); null: the default.</param>
    /// <exception cref="IOException">The folder or file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to write.</exception>
    public static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode? unixMode = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (unixMode is { } createMode && !OperatingSystem.IsWindows()) options.UnixCreateMode = createMode;
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(content);
            // On the flash of a small box a rename without a flush can leave an empty file after a power cut.
            stream.Flush(flushToDisk: true);
        }
        // UnixCreateMode only applies to a file that did not exist; a leftover temporary file keeps its old mode.
        if (unixMode is { } mode && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, mode);
        File.Move(temporary, path, overwrite: true);
    }
}
