using System.Diagnostics;
using System.Text;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Scheduling;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Speech;

/// <summary>
/// The built-in engine: runs <c>espeak-ng</c> once per chunk, text on its standard input (never on the command line,
/// where it could be taken for options and would show in process lists), WAV on its standard output, decoded to the
/// broadcast format. A chunk that overruns its timeout, or whose caller gives up, has its process killed.
/// </summary>
public sealed class EspeakNgEngine(IOptions<EspeakNgOptions> options, AudioFileDecoder decoder) : ISpeechEngine
{
    /// <summary>espeak-ng writes about 22 kHz 16-bit mono: an hour is ~160 MB, far above any chunk.</summary>
    private const int MaxOutputBytes = 256 * 1024 * 1024;

    private readonly EspeakNgOptions _options = options.Value;

    public string Name => $"espeak-ng@{_options.WordsPerMinute}";

    public string VoiceOf(TtsVoice voice) => voice switch
    {
        TtsVoice.Central => _options.CentralVoice,
        TtsVoice.Southern => _options.SouthernVoice,
        _ => _options.NorthernVoice,
    };

    /// <summary>espeak-ng's -s in words per minute for a relative speed, within what espeak-ng accepts.</summary>
    public int WordsPerMinute(double speed) => (int)Math.Clamp(Math.Round(_options.WordsPerMinute * speed), 80, 450);

    public async Task<DecodedAudio> RenderAsync(string text, TtsVoice voice, double speed, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new SpeechSynthesisException("nothing to say: the text is empty");
        var start = new ProcessStartInfo(_options.Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in new[] { "-v", VoiceOf(voice), "-s", WordsPerMinute(speed).ToString(System.Globalization.CultureInfo.InvariantCulture), "-b", "1", "--stdout", "--stdin" })
            start.ArgumentList.Add(a);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SpeechSynthesisException($"could not start {_options.Executable}");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new SpeechSynthesisException($"could not start {_options.Executable} (is espeak-ng installed?): {e.Message}", e);
        }
        using (process)
        {
            try
            {
                var stdout = ReadAllAsync(process.StandardOutput.BaseStream, timeout.Token);
                var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
                try
                {
                    await process.StandardInput.WriteAsync(text.AsMemory(), timeout.Token);
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // espeak-ng quit before reading everything (a bad voice, say): its exit code and stderr say why.
                }
                var wav = await stdout;
                var errors = await stderr;
                await process.WaitForExitAsync(timeout.Token);
                if (process.ExitCode != 0)
                    throw new SpeechSynthesisException($"espeak-ng (voice {VoiceOf(voice)}) failed with exit code {process.ExitCode}: {Trim(errors)}");
                WavBytes.RepairStreamingSizes(wav);
                using var input = new MemoryStream(wav, writable: false);
                return decoder.Decode(input, long.MaxValue);
            }
            catch (SpeechSynthesisException)
            {
                Kill(process);
                throw;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                Kill(process);
                throw new SpeechSynthesisException($"espeak-ng took longer than {_options.TimeoutSeconds} s for {text.Length} characters and was stopped");
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                throw;
            }
            catch (AudioFormatException e)
            {
                throw new SpeechSynthesisException($"espeak-ng's output is not usable audio: {e.Message}", e);
            }
            catch (IOException e)
            {
                Kill(process);
                throw new SpeechSynthesisException($"espeak-ng's pipes broke: {e.Message}", e);
            }
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[65_536];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > MaxOutputBytes) throw new SpeechSynthesisException($"espeak-ng wrote more than {MaxOutputBytes} bytes");
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own in the meantime.
        }
    }

    private static string Trim(string errors)
    {
        errors = errors.Trim();
        if (errors.Length == 0) return "(nothing on stderr)";
        return errors.Length > 500 ? errors[..500] + "…" : errors;
    }
}
