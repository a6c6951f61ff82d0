using System.Diagnostics;

namespace InfoRadio.Testing;

/// <summary>Makes real Ogg Opus files at test time with sox (a 48 kHz mono WAV) and opus-tools' opusenc (20 ms frames).</summary>
public static class TestOggOpus
{
    /// <summary>A sine of <paramref name="frequency"/> Hz lasting <paramref name="seconds"/>, as an Ogg Opus file's bytes.</summary>
    public static byte[] Tone(int frequency, double seconds, double amplitude = 0.5)
    {
        var dir = Path.Combine(Path.GetTempPath(), "inforadio-ogg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var wav = Path.Combine(dir, "tone.wav");
            var opus = Path.Combine(dir, "tone.opus");
            Run("sox", "-n", "-r", "48000", "-c", "1", "-b", "16", wav, "synth",
                seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "sine", frequency.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "vol", amplitude.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Run("opusenc", "--quiet", "--framesize", "20", "--bitrate", "32", wav, opus);
            return File.ReadAllBytes(opus);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException(file + " did not start");
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {error.Result}");
    }
}
