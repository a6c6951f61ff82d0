using System.Diagnostics;
using InfoRadio.Controller.Audio;
using InfoRadio.Protocol;

namespace InfoRadio.Bench.Scenarios;

/// <summary>
/// The program a benchmark plays: real Vietnamese speech rendered by espeak-ng when the machine has it (the test
/// command installs it), else the deterministic speech-like signal. Always exactly the asked length at 48 kHz.
/// </summary>
public static class SpeechSource
{
    private const string Bulletin =
        "Thông báo của Ủy ban nhân dân xã. Hồi mười lăm giờ ba mươi phút chiều nay, bão số ba đã đổ bộ vào các tỉnh ven biển. " +
        "Đề nghị bà con các thôn chằng chống nhà cửa, không ra khơi, di chuyển người già và trẻ em đến nơi an toàn. " +
        "Ban chỉ huy phòng chống thiên tai xã sẽ tiếp tục cập nhật tình hình trên hệ thống truyền thanh.";

    public static (float[] Samples, string Origin) Create(TimeSpan length)
    {
        var total = (int)(length.TotalSeconds * ProtocolVersion.SampleRate);
        var speech = TryEspeak();
        if (speech is null) return (SpeechLikeSignal.Generate(seed: 2024, length), "synthetic");
        var samples = new float[total];
        // Repeat the bulletin if it is shorter than asked; cut it if longer.
        for (var i = 0; i < total; i++) samples[i] = speech[i % speech.Length];
        return (samples, "espeak-ng");
    }

    private static float[]? TryEspeak()
    {
        var file = Path.Combine(Path.GetTempPath(), $"inforadio-bench-{Environment.ProcessId}.wav");
        try
        {
            var info = new ProcessStartInfo("espeak-ng") { UseShellExecute = false, RedirectStandardError = true };
            foreach (var arg in new[] { "-v", "vi", "-s", "150", "-w", file, Bulletin }) info.ArgumentList.Add(arg);
            using var process = Process.Start(info);
            if (process is null || !process.WaitForExit(30_000) || process.ExitCode != 0) return null;
            using var stream = File.OpenRead(file);
            return new AudioFileDecoder().Decode(stream, long.MaxValue).Samples;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // espeak-ng is not installed
        }
        finally
        {
            File.Delete(file);
        }
    }
}
