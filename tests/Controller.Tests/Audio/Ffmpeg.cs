using System.Diagnostics;

namespace InfoRadio.Controller.Tests.Audio;

/// <summary>Runs the ffmpeg command-line tool to make test files no managed encoder here can make (MP3).</summary>
internal static class Ffmpeg
{
    private static readonly Lazy<string?> Path = new(Find);

    public static bool IsAvailable => Path.Value is not null;

    /// <summary>Runs ffmpeg with <paramref name="arguments"/> writing to a temporary file named by {out}; returns its bytes.</summary>
    public static byte[] Make(string extension, params string[] arguments)
    {
        var exe = Path.Value ?? throw new InvalidOperationException("ffmpeg is not installed");
        var dir = Directory.CreateTempSubdirectory("inforadio-ffmpeg-");
        try
        {
            var output = System.IO.Path.Combine(dir.FullName, "out." + extension);
            var info = new ProcessStartInfo(exe) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "-hide_banner", "-loglevel", "error", "-nostdin", "-y" }) info.ArgumentList.Add(a);
            foreach (var a in arguments) info.ArgumentList.Add(a == "{out}" ? output : a);
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("ffmpeg did not finish within 60 s");
            }
            if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg failed ({process.ExitCode}): {stderr.Result}");
            return File.ReadAllBytes(output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':'))
        {
            var candidate = System.IO.Path.Combine(dir, "ffmpeg");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>A fact that is skipped, saying why, only on a machine without ffmpeg.</summary>
public sealed class FfmpegFactAttribute : FactAttribute
{
    public FfmpegFactAttribute()
    {
        if (!Ffmpeg.IsAvailable) Skip = "ffmpeg is not installed (apt-get install ffmpeg): MP3 input was NOT tested";
    }
}
