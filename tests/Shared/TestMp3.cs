using System.Diagnostics;

namespace InfoRadio.Testing;

/// <summary>Makes constant-bit-rate MP3 streams with ffmpeg at test time (no managed MP3 encoder is available).</summary>
public static class TestMp3
{
    /// <summary>
    /// A sine tone (or silence when <paramref name="frequency"/> is 0) as bare MP3 frames (no ID3 tag, no Xing header),
    /// so that copies can be looped back to back like a radio stream.
    /// </summary>
    public static byte[] Tone(int frequency, double seconds, int bitrateKbps = 64, int sampleRate = 44_100, double amplitude = 0.3)
    {
        var dir = Directory.CreateTempSubdirectory("inforadio-mp3-");
        try
        {
            var output = Path.Combine(dir.FullName, "out.mp3");
            var source = frequency > 0
                ? $"sine=frequency={frequency}:sample_rate={sampleRate}:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)},volume={amplitude.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
                : $"anullsrc=r={sampleRate}:cl=mono";
            var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
            string[] args =
            [
                "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi", "-i", source,
                "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-ac", "1", "-c:a", "libmp3lame", "-b:a", $"{bitrateKbps}k", "-write_xing", "0", "-id3v2_version", "0", output,
            ];
            foreach (var a in args) info.ArgumentList.Add(a);
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000)) throw new TimeoutException("ffmpeg did not finish");
            if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg failed: {stderr.Result}");
            return File.ReadAllBytes(output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
